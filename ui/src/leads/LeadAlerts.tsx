import { useEffect, useEffectEvent, useId } from "react";
import { Button, Toast, ToastBody, ToastFooter, ToastTitle, Toaster, useToastController } from "@fluentui/react-components";
import { Fire20Filled } from "@fluentui/react-icons";
import { events, type LeadNotification } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import type { PageId } from "../shell/pages";
import { requestOpenLead } from "./openLeadRequest";

/** How long a lead alert stays on screen. */
const ALERT_MS = 12_000;

/**
 * The app-wide side of lead notifications: `lead-alert` (a new Contact-me lead, or a digest of
 * them) shows an in-app toast whose Open shows that lead; `open-lead` (the user activated the
 * desktop notification) goes to the Leads page and opens the lead.
 */
export function LeadAlerts({ go }: { go: (page: PageId) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const toasterId = useId();
  const { dispatchToast, dismissToast } = useToastController(toasterId);

  const open = useEffectEvent((leadId: string) => {
    go("leads");
    requestOpenLead(leadId);
  });

  const alert = useEffectEvent((notification: LeadNotification) => {
    const leadId = notification.leadId;
    const toastId = `lead-alert-${leadId}-${Date.now()}`;
    const title =
      notification.kind === "single"
        ? t("leads.alert.single", { customer: notification.customerName })
        : t("leads.alert.digest", { count: notification.count, day: format.date(notification.day) });
    dispatchToast(
      <Toast data-testid="lead-alert-toast" data-lead-id={leadId}>
        <ToastTitle media={<Fire20Filled />}>{title}</ToastTitle>
        {notification.kind === "single" ? <ToastBody>{notification.offerName}</ToastBody> : <ToastBody>{t("leads.alert.digestBody")}</ToastBody>}
        <ToastFooter>
          <Button
            size="small"
            appearance="primary"
            onClick={() => {
              dismissToast(toastId);
              open(leadId);
            }}
            data-testid="lead-alert-open"
          >
            {t("leads.alert.open")}
          </Button>
        </ToastFooter>
      </Toast>,
      { toastId, intent: "info", timeout: ALERT_MS },
    );
  });

  useEffect(() => {
    let live = true;
    const stops: Array<() => void> = [];
    const keep = (stop: () => void) => {
      if (live) stops.push(stop);
      else stop();
    };
    events.leadAlert.listen((event) => alert(event.payload.notification)).then(keep, () => undefined);
    events.openLead.listen((event) => open(event.payload.leadId)).then(keep, () => undefined);
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, []);

  return <Toaster toasterId={toasterId} position="top-end" pauseOnHover pauseOnWindowBlur />;
}
