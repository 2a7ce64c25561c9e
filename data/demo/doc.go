// Package demo generates the bundled demo data set and a large access log for
// benchmarks.
//
// It sits at the very start of the data flow, before ingest: it writes the
// operator logs (web access logs, JSON application events, health probes and
// disk samples) that SCENARIO.md describes, for the four seed services, over
// 2024-09-01 to 2025-09-30 IST. It also writes truth.json, the ground truth the
// analyses are expected to find, from the same plan the logs are rendered from.
//
// What it promises: the output depends only on the Options. Every random draw
// comes from a math/rand/v2 PCG stream seeded from Options.Seed and the name of
// what is being drawn (and, for per-minute traffic, the day), never from the
// clock or from map iteration, so the same Options give byte-identical
// decompressed files on every run. The gzip streams carry no name and a zero
// modification time. Floating-point values are rounded before they are
// written; only a platform whose math library differed by an ulp exactly at a
// rounding or threshold boundary could change a byte, and the committed-data
// test would show it.
//
// The bundled files under logs/ are regenerated with
//
//	go test ./data/demo -run TestCommitted -update
//
// (or go generate ./data/demo).
package demo

//go:generate go test . -run ^TestCommitted -update
