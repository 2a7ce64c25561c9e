package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Options says what to generate. The zero value is the default: seed 1, the
// scenario's whole period, the bundled request rates.
type Options struct {
	// Seed seeds every random draw; 0 means 1. Outage windows of SCENARIO.md
	// stay where they are; what is drawn (traffic, clients, payments, the CHIPS
	// error bursts) changes with the seed.
	Seed int64
	// From and To bound the generated period, in whole IST days ([From, To),
	// From rounded down and To rounded up to midnight). Zero values mean the
	// scenario's period, 2024-09-01 to 2025-09-30 inclusive. A day's lines do
	// not depend on the period: a shorter period is a slice of the full one.
	From, To time.Time
	// Scale multiplies every access-log request rate; 0 means 1. The bundled
	// files use 1, the most the 4 MB budget allows; a larger scale gives denser
	// minutes (see README.md).
	Scale float64
}

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Scale == 0 {
		o.Scale = 1
	}
	if o.From.IsZero() {
		o.From = periodFrom
	}
	if o.To.IsZero() {
		o.To = periodTo
	}
	o.From = midnight(o.From)
	if to := midnight(o.To); to.Before(o.To.In(ist)) {
		o.To = to.AddDate(0, 0, 1)
	} else {
		o.To = to
	}
	return o
}

func midnight(t time.Time) time.Time {
	t = t.In(ist)
	return at(t.Year(), t.Month(), t.Day(), 0, 0)
}

// Manifest lists what Generate wrote. Generate also writes it as manifest.json.
type Manifest struct {
	Seed  int64     `json:"seed"`
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	Scale float64   `json:"scale"`
	// Files are the files under logs/, in a fixed order.
	Files []File `json:"files"`
	// Truth is what the files contain by construction (also written as
	// truth.json).
	Truth Truth `json:"-"`
}

// File describes one generated file. Lines, Bytes and SHA256 are of the
// decompressed content.
type File struct {
	Name    string `json:"name"`
	Service string `json:"service"`
	// Format is the ingest format name: combined, jsonl, probe-csv or
	// capacity-csv.
	Format string `json:"format"`
	Lines  int64  `json:"lines"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// A job writes one file.
type job struct {
	file  File
	write func(w io.Writer) error
}

// Generate writes the demo logs into dir/logs (creating it), and manifest.json
// and truth.json into dir. The same Options give byte-identical decompressed
// content on every run and machine.
func Generate(dir string, opts Options) (Manifest, error) {
	opts = opts.withDefaults()
	if !opts.From.Before(opts.To) {
		return Manifest{}, fmt.Errorf("generate demo: period %s to %s is empty", opts.From.Format(time.DateOnly), opts.To.Format(time.DateOnly))
	}
	logs := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("generate demo: %w", err)
	}
	jobs, truth := plan(opts)
	if err := run(logs, jobs); err != nil {
		return Manifest{}, fmt.Errorf("generate demo: %w", err)
	}
	m := Manifest{Seed: opts.Seed, From: opts.From, To: opts.To, Scale: opts.Scale, Truth: truth}
	for _, j := range jobs {
		m.Files = append(m.Files, j.file)
	}
	if err := writeJSON(filepath.Join(dir, "manifest.json"), m); err != nil {
		return m, fmt.Errorf("generate demo: %w", err)
	}
	if err := writeJSON(filepath.Join(dir, "truth.json"), truth); err != nil {
		return m, fmt.Errorf("generate demo: %w", err)
	}
	return m, nil
}

// run runs the jobs, a few at a time; each fills in its File.
func run(dir string, jobs []job) error {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			j := &jobs[i]
			out, err := create(dir, j.file.Name)
			if err != nil {
				errs[i] = err
				return
			}
			err = j.write(out)
			if err != nil {
				err = fmt.Errorf("%s: %w", j.file.Name, err)
			}
			errs[i] = errors.Join(err, out.Close(&j.file))
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// plan lays out the scenario for opts: the files to write and the truth they
// realise.
func plan(opts Options) ([]job, Truth) {
	seed, from, to := opts.Seed, opts.From, opts.To
	ws := outageWindows(seed)
	ration := newRation(seed, opts.Scale, ws)
	chips := newChips(seed, opts.Scale, ws)
	csmcl := newCSMCL(seed, opts.Scale, ws)
	pays, launch := payments(seed)
	launch.UsualPeakPerMinute *= opts.Scale
	launch.PeakPerMinute *= opts.Scale
	meter, recs := meterPlan(seed)

	truth := Truth{Seed: seed, From: from, To: to, Storage: storageTruth(), Launch: launch, Reconnections: recs,
		Demand: []Demand{ration.truth, chips.truth, csmcl.truth}}
	for _, w := range ws {
		truth.Windows = append(truth.Windows, w.Window)
	}

	var jobs []job
	for month := at(from.Year(), from.Month(), 1, 0, 0); month.Before(to); month = month.AddDate(0, 1, 0) {
		a, b := later(month, from), earlier(month.AddDate(0, 1, 0), to)
		jobs = append(jobs, accessJob("ration-access.log-"+month.Format("200601")+".gz", ration, seed, a, b))
	}
	jobs = append(jobs,
		accessJob("chips-access.log.gz", chips, seed, from, to),
		accessJob("csmcl-access.log.gz", csmcl, seed, from, to),
		job{File{Name: "chips-app.jsonl.gz", Service: chipsID, Format: "jsonl"}, func(w io.Writer) error {
			return writeEvents(w, chipsEvents(seed, chips.windows), from, to)
		}},
		job{File{Name: "csmcl-payments.jsonl.gz", Service: csmclID, Format: "jsonl"}, func(w io.Writer) error {
			return writeEvents(w, pays, from, to)
		}},
		job{File{Name: "smartmeter-events.jsonl.gz", Service: meterID, Format: "jsonl"}, func(w io.Writer) error {
			return writeEvents(w, meter, from, to)
		}},
		job{File{Name: "ration-probes.csv.gz", Service: rationID, Format: "probe-csv"}, func(w io.Writer) error {
			return rationProber.write(w, seed, ration.windows, from, to)
		}},
		job{File{Name: "smartmeter-probes.csv.gz", Service: meterID, Format: "probe-csv"}, func(w io.Writer) error {
			return meterProber.write(w, seed, windowsOf(ws, meterID), from, to)
		}},
		job{File{Name: "chips-disk.csv.gz", Service: chipsID, Format: "capacity-csv"}, func(w io.Writer) error {
			return writeDisk(w, seed, from, to)
		}},
	)
	return jobs, truth
}

// accessJob writes s's access log over [from, to).
func accessJob(name string, s *web, seed int64, from, to time.Time) job {
	return job{File{Name: name, Service: s.id, Format: "combined"}, func(w io.Writer) error {
		var b []byte
		for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
			b = s.appendDay(b[:0], seed, day)
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	}}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
