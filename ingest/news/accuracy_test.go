package news_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
	"outagelens/ingest/news"
)

var ist = time.FixedZone("IST", 5*3600+1800)

func evaluate(t *testing.T, dir string) news.Evaluation {
	t.Helper()
	ev, err := news.Evaluate(dir, catalog.Default(), news.ReadOptions{Location: ist}, news.ExtractOptions{Location: ist})
	require.NoError(t, err)
	table := ev.Table()
	if testing.Verbose() {
		table += "\nmisses:\n" + strings.Join(ev.Misses, "\n") + "\n"
	}
	t.Log(dir + "\n" + table)
	return ev
}

// labelledSets are the folders of labelled pages: the corpus the rules were
// written against, and held-out sets, each written blind and scored once before
// fixes were made against it (first-run figures in each folder's README and in
// the project README; they are the ones to quote).
var labelledSets = []string{"corpus", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"}

// TestAccuracy prints per-field accuracy on every labelled set and asserts the
// issue's targets on each: is_outage F1 >= 0.95, exact match >= 0.85 on service,
// state, start date and cause; and that duplicate reports collapse to one
// incident each. On the held-out sets this guards the fixes made after their
// first runs; it says nothing about pages not yet seen.
func TestAccuracy(t *testing.T) {
	for _, set := range labelledSets {
		t.Run(set, func(t *testing.T) {
			ev := evaluate(t, "testdata/"+set)
			require.GreaterOrEqual(t, ev.F1, 0.95, "is_outage F1")
			for _, f := range []string{"service", "state", "started", "cause"} {
				require.GreaterOrEqual(t, ev.Exact[f], 0.85, f)
			}
			require.Equal(t, ev.EventsWant, ev.EventsFound, "one incident key per labelled event")
			require.Equal(t, ev.PairsTotal, ev.PairsAgree, "pages grouped into incidents as labelled")
		})
	}
}

// TestAccuracyWithoutProfiles reads the corpus as pages of unknown sites, so
// every body comes from the generic extractor (extract.Body): the targets hold
// there too.
func TestAccuracyWithoutProfiles(t *testing.T) {
	ev, err := news.Evaluate("testdata/corpus", catalog.Default(), news.ReadOptions{Location: ist, Profiles: &news.Profiles{}},
		news.ExtractOptions{Location: ist})
	require.NoError(t, err)
	t.Log("testdata/corpus without site profiles\n" + ev.Table())
	require.GreaterOrEqual(t, ev.F1, 0.95, "is_outage F1")
	for _, f := range []string{"service", "state", "started", "cause"} {
		require.GreaterOrEqual(t, ev.Exact[f], 0.85, f)
	}
}

// TestOngoingLabelled reads the labelled folders: a page whose label notes say it
// was written while the outage was still on ("still down at publication",
// "ongoing") must come out ongoing, and a page labelled with an end must not.
func TestOngoingLabelled(t *testing.T) {
	cat := catalog.Default()
	var ongoing, ended int
	for _, set := range labelledSets {
		dir := filepath.Join("testdata", set)
		b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
		require.NoError(t, err)
		var labels []news.Label
		require.NoError(t, json.Unmarshal(b, &labels))
		for _, l := range labels {
			still := strings.Contains(l.Notes, "still down at publication") || strings.Contains(l.Notes, "ongoing")
			if !l.IsOutage || (!still && l.Ended == nil) {
				continue
			}
			html, err := os.ReadFile(filepath.Join(dir, l.File))
			require.NoError(t, err)
			a, err := news.Read(html, nil, news.ReadOptions{Location: ist})
			require.NoError(t, err)
			r := news.Extract(a, cat, news.ExtractOptions{Location: ist})
			if still {
				ongoing++
				assert.True(t, r.Ongoing, "%s/%s: ongoing (%s)", dir, l.File, l.Notes)
			} else {
				ended++
				assert.False(t, r.Ongoing, "%s/%s: ended %s, not ongoing (%q)", dir, l.File, *l.Ended, r.Evidence["ended"])
			}
		}
	}
	require.Equal(t, 8, ongoing, "pages noted as ongoing")
	require.Positive(t, ended)
}
