import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { parseResourceBody } from "./resourceText";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  paragraph: {
    margin: 0,
    whiteSpace: "pre-line",
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
});

/** A resource's text as paragraphs, bullet lists and numbered steps (text only, never markup). */
export function ResourceBody({ body }: { body: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {parseResourceBody(body).map((block, i) => {
        switch (block.kind) {
          case "paragraph":
            return (
              <Text as="p" key={i} className={styles.paragraph}>
                {block.text}
              </Text>
            );
          case "bullets":
            return (
              <ul key={i} className={styles.list}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Text>{item}</Text>
                  </li>
                ))}
              </ul>
            );
          case "steps":
            return (
              <ol key={i} start={block.start} className={styles.list}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Text>{item}</Text>
                  </li>
                ))}
              </ol>
            );
        }
      })}
    </div>
  );
}
