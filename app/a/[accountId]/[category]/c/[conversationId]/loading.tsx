import { ThreadLoading } from "@/components/thread-loading";

/** Shown at once while the thread route resolves (the list hides on phones immediately). */
export default function Loading() {
  return <ThreadLoading />;
}
