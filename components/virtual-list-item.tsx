import type { VirtualItem } from "@tanstack/react-virtual";

/**
 * An item of a virtualized list: measured by the virtualizer (`measure`), and placed in the whole
 * list for assistive technology, which sees only the rendered items: its position, and the list's
 * size (`setSize`, -1 while more can load).
 */
export function VirtualListItem({
  item,
  measure,
  setSize,
  className,
  style,
  children,
}: {
  item: VirtualItem;
  measure: (element: Element | null) => void;
  setSize: number;
  className: string;
  style?: React.CSSProperties;
  children: React.ReactNode;
}) {
  return (
    <li ref={measure} data-index={item.index} aria-posinset={item.index + 1} aria-setsize={setSize} className={className} style={style}>
      {children}
    </li>
  );
}
