"""GraphML: a safe streaming XML scan, the reader built on it, and the writer."""
