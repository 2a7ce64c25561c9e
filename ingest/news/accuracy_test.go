package news_test

import (
	"strings"
	"testing"
	"time"

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

// TestAccuracy prints per-field accuracy on the labelled corpus and asserts the
// issue's targets: is_outage F1 >= 0.95, exact match >= 0.85 on service, state,
// start date and cause; and that duplicate reports collapse to one incident each.
func TestAccuracy(t *testing.T) {
	ev := evaluate(t, "testdata/corpus")
	require.GreaterOrEqual(t, ev.F1, 0.95, "is_outage F1")
	for _, f := range []string{"service", "state", "started", "cause"} {
		require.GreaterOrEqual(t, ev.Exact[f], 0.85, f)
	}
	require.Equal(t, ev.EventsWant, ev.EventsFound, "one incident key per labelled event")
	require.Equal(t, ev.PairsTotal, ev.PairsAgree, "pages grouped into incidents as labelled")
}

// TestAccuracyHeldout prints the table for testdata/heldout (see its README);
// it asserts only a floor well below the corpus figures, so that a collapse shows.
func TestAccuracyHeldout(t *testing.T) {
	ev := evaluate(t, "testdata/heldout")
	require.GreaterOrEqual(t, ev.F1, 0.8, "is_outage F1")
	require.GreaterOrEqual(t, ev.Exact["service"], 0.6, "service")
}

// TestAccuracyHeldout2 prints the table for testdata/heldout2, with the same floor.
func TestAccuracyHeldout2(t *testing.T) {
	ev := evaluate(t, "testdata/heldout2")
	require.GreaterOrEqual(t, ev.F1, 0.8, "is_outage F1")
	require.GreaterOrEqual(t, ev.Exact["service"], 0.6, "service")
}

// TestAccuracyHeldout3 prints the table for testdata/heldout3, with the same floor.
func TestAccuracyHeldout3(t *testing.T) {
	ev := evaluate(t, "testdata/heldout3")
	require.GreaterOrEqual(t, ev.F1, 0.8, "is_outage F1")
	require.GreaterOrEqual(t, ev.Exact["service"], 0.6, "service")
}

// TestAccuracyHeldout4 prints the table for testdata/heldout4 (written and labelled
// blind, before the first run), with the same floor.
func TestAccuracyHeldout4(t *testing.T) {
	ev := evaluate(t, "testdata/heldout4")
	require.GreaterOrEqual(t, ev.F1, 0.8, "is_outage F1")
	require.GreaterOrEqual(t, ev.Exact["service"], 0.6, "service")
}

// TestAccuracyHeldout5 prints the table for testdata/heldout5 (written and labelled
// blind, before the first run), with the same floor.
func TestAccuracyHeldout5(t *testing.T) {
	ev := evaluate(t, "testdata/heldout5")
	require.GreaterOrEqual(t, ev.F1, 0.8, "is_outage F1")
	require.GreaterOrEqual(t, ev.Exact["service"], 0.6, "service")
}

// heldout6 was written blind and labelled before its first run; the first run measured is_outage
// F1 0.588 (the figure to quote). After the fixes made against it (see its README) it scores
// 1.000 on is_outage F1 and service, and the floors sit just below that.
func TestAccuracyHeldout6(t *testing.T) {
	ev := evaluate(t, "testdata/heldout6")
	require.GreaterOrEqual(t, ev.F1, 0.99, "is_outage F1")
	require.GreaterOrEqual(t, ev.Exact["service"], 0.99, "service")
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
