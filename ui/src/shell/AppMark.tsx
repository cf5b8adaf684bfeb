import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  tile: { fill: tokens.colorBrandBackground },
  tileInverted: { fill: tokens.colorNeutralForegroundOnBrand },
  glyph: { fill: tokens.colorNeutralForegroundOnBrand },
  glyphInverted: { fill: tokens.colorBrandBackground },
});

/** The app's mark: rising bars on a brand tile. Drawn inline, so nothing is fetched. */
export function AppMark({ size = 24, inverted = false }: { size?: number; inverted?: boolean }) {
  const styles = useStyles();
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="32" height="32" rx="7" className={inverted ? styles.tileInverted : styles.tile} />
      <g className={mergeClasses(inverted ? styles.glyphInverted : styles.glyph)}>
        <rect x="7" y="17" width="4" height="8" rx="1.5" />
        <rect x="14" y="12" width="4" height="13" rx="1.5" />
        <rect x="21" y="7" width="4" height="18" rx="1.5" />
      </g>
    </svg>
  );
}
