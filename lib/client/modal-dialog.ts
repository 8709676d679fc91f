/** A native modal dialog (focus, Escape and the backdrop behave) that is open while its component is mounted (client components only). */
import { useEffect, useRef, type MouseEvent } from "react";

/** The dialog's ref: it opens as a modal when it mounts. */
export function useModalWhileMounted() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return dialogRef;
}

/** The dialog's onClick: a tap on the backdrop (the dialog element itself, outside its panel) closes it. */
export function closeOnBackdrop(event: MouseEvent<HTMLDialogElement>): void {
  if (event.target === event.currentTarget) event.currentTarget.close();
}
