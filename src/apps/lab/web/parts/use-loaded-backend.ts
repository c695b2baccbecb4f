import { useEffect, useState } from "preact/hooks";
import { useBrowserBackend } from "./tf-backend.js";

/** The TensorFlow.js backend a page trains on: undefined while `preferred` (or its fallback) loads. */
export function useLoadedBackend(preferred: string): { backend: string; skipped: string[] } | undefined {
  const [backend, setBackend] = useState<{ backend: string; skipped: string[] } | undefined>(undefined);
  useEffect(() => {
    setBackend(undefined);
    void useBrowserBackend(preferred).then(setBackend);
  }, [preferred]);
  return backend;
}
