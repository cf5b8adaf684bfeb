import { useSyncExternalStore } from "react";

/**
 * A lead to open on the Leads page, asked for from elsewhere (a lead alert's Open button, a
 * desktop notification's `open-lead`). The page takes it when it shows, then clears it.
 */
export interface OpenLeadRequest {
  leadId: string;
  /** Tells two requests for the same lead apart. */
  seq: number;
}

let current: OpenLeadRequest | null = null;
let seq = 0;
const listeners = new Set<() => void>();

function publish() {
  for (const listener of listeners) listener();
}

/** Asks the Leads page to open lead `leadId`. */
export function requestOpenLead(leadId: string): void {
  seq += 1;
  current = { leadId, seq };
  publish();
}

/** Marks a request as handled. */
export function clearOpenLeadRequest(request: OpenLeadRequest): void {
  if (current?.seq !== request.seq) return;
  current = null;
  publish();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pending request, if any. */
export function useOpenLeadRequest(): OpenLeadRequest | null {
  return useSyncExternalStore(subscribe, () => current, () => null);
}
