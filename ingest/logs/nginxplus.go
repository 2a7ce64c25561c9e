package logs

import (
	"encoding/json"
	"math"
	"slices"

	"outagelens/ingest/batch"
)

// NginxPlus reads NGINX Plus status API snapshots, one JSON object per line (as
// the elastic examples' nginxplus_json_logs): they are not log events but the
// health-check state of every upstream peer at one moment, so each snapshot
// becomes one probes row per primary peer: host the peer's address, target the
// upstream's name, ok when its state is "up" (or "draining"), and the time of the
// snapshot. Backup peers are skipped: an idle backup is "unhealthy" by design and
// says nothing about the service. Cumulative request counters are not kept.
var NginxPlus = Format{
	Name:        "nginxplus-status",
	Description: "NGINX Plus status API snapshots as JSON lines: upstream peer health as probes",
	Table:       "probes",
	Independent: true,
	New:         func(o Options) Parser { return &nginxPlus{opts: o} },
}

type nginxPlus struct {
	opts Options
}

var _ Parser = (*nginxPlus)(nil)

type nginxSnapshot struct {
	Timestamp *float64 `json:"timestamp"` // epoch milliseconds
	Upstreams map[string]struct {
		Peers []struct {
			Server string `json:"server"`
			Backup bool   `json:"backup"`
			State  string `json:"state"`
		} `json:"peers"`
	} `json:"upstreams"`
}

func (p *nginxPlus) Parse(line []byte, n int64, b *batch.Set) error {
	if len(line) == 0 || line[0] != '{' {
		return lineErr(n, ErrSyntax, "not a JSON object")
	}
	var s nginxSnapshot
	if err := json.Unmarshal(line, &s); err != nil {
		return lineErr(n, ErrSyntax, "%v", err)
	}
	if s.Timestamp == nil || s.Upstreams == nil {
		return lineErr(n, ErrFieldCount, "not a status snapshot: no timestamp or upstreams")
	}
	t, err := epoch(*s.Timestamp)
	if err != nil {
		return lineErr(n, ErrBadTimestamp, "%v", err)
	}
	for _, name := range sortedKeys(s.Upstreams) {
		for _, peer := range s.Upstreams[name].Peers {
			if peer.Backup {
				continue
			}
			svc := p.opts.service([]byte(peer.Server), nil, name)
			b.Probes.Append(&batch.Probe{Line: n, Service: svc, Time: t, Host: peer.Server, Target: name,
				OK: peer.State == "up" || peer.State == "draining", LatencyMS: math.NaN()})
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
