// Package source finds and opens the inputs of an ingest: files, folders, globs,
// gzip files and standard input, and reads them as content (gzip is undone here,
// so offsets and fingerprints are always of the decompressed bytes).
//
// Identity is by content, never by name or inode: a source is known by the SHA-256
// of its first bytes (Fingerprint) and, at the offset already ingested, by the
// SHA-256 of the bytes just before that offset (Mark). A rotated or renamed copy is
// the same source; a new file that happens to start like an old one is not.
package source
