import { EmptyThreadPane } from "@/components/empty-thread-pane";

/** No conversation open: on phones the list is the whole screen; from lg, this pane sits beside it. */
export default function CategoryPage() {
  return <EmptyThreadPane />;
}
