import { createContext, useContext } from "react";
import type { WorkspaceSummary } from "../bindings";

export interface WorkspaceValue {
  /** The open workspace; every page reads it from here. */
  workspace: WorkspaceSummary;
  /** Replaces the open workspace (after open, create or a refresh): the whole app follows. */
  setWorkspace: (workspace: WorkspaceSummary) => void;
}

export const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace must be used inside a workspace");
  return value;
}
