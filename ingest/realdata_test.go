package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/data/realdata"
	"outagelens/data/store/storetest"
	"outagelens/ingest"
)

// Every real log in a supported format ingests, detected as its format, with its
// reject rate at or under the one measured when this test was written. A change
// that rejects more real lines fails here.
func TestRealData(t *testing.T) {
	root := realdata.Path(t, ".")
	cases := []struct {
		path, format string
		lines, rows  int64
		maxRejects   int64 // measured
		why          string
	}{
		{"elastic-examples/apache_logs", "combined", 10000, 10000, 0, "line 8899's user agent is cut off; the row is kept"},
		{"access-logs/NASA_access_log_Aug95_first1930lines.log", "combined", 1930, 1841, 89, "lines split in two at 4 KiB boundaries: both halves are malformed; the cut last line is left as partial"},
		{"elastic-examples/auth.log", "syslog", 7121, 7121, 0, ""},
		{"elastic-examples/nginxplus_json_logs.jsonl.gz", "nginxplus-status", 500, 2000, 0, "four primary peers per snapshot"},
		{"lnav-fixtures/logfile_access_log.0", "combined", 3, 3, 0, ""},
		{"lnav-fixtures/logfile_bad_access_log.0", "combined", 3, 2, 1, "line 2 lacks ident and user"},
		{"lnav-fixtures/logfile_crlf.0", "applog", 2, 2, 0, ""},
		{"lnav-fixtures/logfile_haproxy.0", "syslog", 17, 17, 0, ""},
		{"lnav-fixtures/logfile_invalid_utf8.0", "applog", 6, 1, 0, "one event with a multi-line XML message"},
		{"lnav-fixtures/logfile_java.0", "applog", 20, 20, 0, ""},
		{"lnav-fixtures/logfile_mysql_error.0", "applog", 4, 4, 0, ""},
		{"lnav-fixtures/logfile_postgres.0", "applog", 28, 21, 0, "seven blank lines"},
		{"lnav-fixtures/logfile_syslog.0", "syslog", 4, 4, 0, ""},
		{"lnav-fixtures/logfile_syslog.1", "syslog", 4, 4, 0, ""},
		{"lnav-fixtures/logfile_syslog.3", "syslog", 17, 7, 0, "indented continuation lines"},
		{"lnav-fixtures/logfile_syslog_with_access_log.0", "syslog", 5, 5, 0, ""},
		{"lnav-fixtures/logfile_syslog_with_mixed_times.0", "syslog", 13, 13, 0, ""},
		{"lnav-fixtures/logfile_w3c_big.0", "w3c", 254, 210, 0, "directive lines"},
		{"loghub/Apache/Apache_2k.log", "applog", 1999, 1999, 0, "no final newline: the last line waits"},
		{"loghub/Hadoop/Hadoop_2k.log", "applog", 1999, 1999, 0, ""},
		{"loghub/Linux/Linux_2k.log", "syslog", 1999, 1999, 0, ""},
		{"loghub/Mac/Mac_2k.log", "syslog", 1999, 1999, 0, ""},
		{"loghub/OpenSSH/OpenSSH_2k.log", "syslog", 1999, 1999, 0, ""},
		{"loghub/Spark/Spark_2k.log", "applog", 2000, 2000, 0, ""},
		{"loghub/Windows/Windows_2k.log", "applog", 1999, 1999, 0, ""},
		{"loghub/Zookeeper/Zookeeper_2k.log", "applog", 1999, 1999, 0, ""},
		{"outage-corpora/githubstatus-component-transitions-2020-2026.csv.gz", "status-csv", 2135, 2134, 0, "header line"},
		{"outage-corpora/gcp-status-incidents-2020-2026.json.gz", "incidents-json", 970, 970, 0, ""},
		{"outage-corpora/aws-health-dashboard-events-2018-2023.json.gz", "incidents-json", 576, 576, 0, ""},
		{"outage-corpora/githubstatus-incidents-2020-2026.json.gz", "incidents-json", 760, 760, 0, ""},
	}
	ctx := context.Background()
	db := storetest.New(t)
	for _, c := range cases {
		path := filepath.Join(root, c.path)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		sum, err := ingest.Logs(ctx, db, []string{path}, opts(t))
		require.NoError(t, err, c.path)
		f := sum.Files[0]
		require.Equal(t, c.format, f.Format, c.path)
		require.Equal(t, c.lines, f.Lines, "%s: lines", c.path)
		require.Equal(t, c.rows, f.Rows, "%s: rows", c.path)
		require.LessOrEqual(t, f.Rejects, c.maxRejects, "%s: rejects %v (%s)", c.path, f.RejectsByReason, c.why)
		t.Logf("%-70s %-16s %5d lines %5d rows %3d rejects (%.1f%%)", c.path, f.Format, f.Lines, f.Rows, f.Rejects, 100*f.RejectRate())
	}

	// The GitHub history ranks components: every transition has a component service.
	require.EqualValues(t, 0, count(t, db, "SELECT count(*) FROM status_changes WHERE service_id = 'unknown'"))
	require.EqualValues(t, 157, count(t, db, "SELECT count(*) FROM status_changes WHERE service_id = 'git-operations'"))
	// AWS events take their end from the last update in the description (three
	// of 576 have no update time to read).
	require.EqualValues(t, 573, count(t, db, `SELECT count(*) FROM status_incidents i JOIN sources s USING (source_id)
		WHERE s.path LIKE '%aws%' AND end_ts IS NOT NULL AND end_ts >= start_ts`))
	// Storage-full and out-of-memory lines in the real samples are classified.
	require.Positive(t, count(t, db, "SELECT count(*) FROM events WHERE event IS NOT NULL"))
}
