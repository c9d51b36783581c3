// Short notices at the bottom of the window, optionally with one action (such as Undo).

export type Toast = {
  id: number;
  message: string;
  kind: "info" | "error";
  action?: { label: string; run: () => void };
};

const state = $state<{ toasts: Toast[] }>({ toasts: [] });
let next = 1;

export function toasts(): Toast[] {
  return state.toasts;
}

export function dismiss(id: number): void {
  state.toasts = state.toasts.filter((t) => t.id !== id);
}

export function notify(message: string, options: Omit<Partial<Toast>, "id" | "message"> = {}): void {
  const toast: Toast = { id: next++, message, kind: options.kind ?? "info", action: options.action };
  state.toasts = [...state.toasts, toast];
  // Errors and undo offers stay longer: people need time to read and act.
  const ms = toast.kind === "error" || toast.action ? 10000 : 4000;
  setTimeout(() => dismiss(toast.id), ms);
}
