package catalog_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/data/catalog"
)

func TestDefaultCatalogHasSeedServices(t *testing.T) {
	c := catalog.Default()
	for _, id := range []string{"wb-ration", "cg-chips-lsk", "cg-csmcl-booking", "mp-rewa-smartmeter"} {
		s, ok := c.Service(id)
		require.True(t, ok, id)
		require.NotEmpty(t, s.Aliases["en"], id)
		require.NotEmpty(t, s.Aliases["hi"], id)
	}
	s, _ := c.Service("mp-rewa-smartmeter")
	require.Len(t, s.Promises, 1)
	require.Equal(t, 20.0, s.Promises[0].LimitMinutes)
}

func TestMatcher(t *testing.T) {
	m := catalog.Default().Matcher()
	require.Equal(t, "wb-ration", m.ForFile("/var/log/ration-access.log-202409.gz"))
	require.Equal(t, "", m.ForFile("access.log"))
	require.Equal(t, "cg-csmcl-booking", m.ForLine("csmcl.example", "/booking/cart"))
	require.Equal(t, catalog.Unknown, m.ForLine("csmcl.example", "/about"))
	require.Equal(t, "wb-ration", m.ForLine("EPOS.wbfood.example", "/"))
	require.Equal(t, catalog.Unknown, m.ForLine("", "/booking/cart"), "host rules need a host")
}

// A line without a host is claimed by the first rule that names no host (and no
// file); with a host, rules apply in catalog order whatever they name.
func TestMatcherLinesWithoutHost(t *testing.T) {
	c, err := catalog.Parse([]byte(`
[[service]]
id = "a"
name = "A"
slo_pct = 99
[[service.match]]
host = "a.example"
[[service.match]]
file = "a*"
[[service]]
id = "b"
name = "B"
slo_pct = 99
[[service.match]]
path_prefix = "/b"
[[service]]
id = "c"
name = "C"
slo_pct = 99
[[service.match]]
path_prefix = "/"
`), "test")
	require.NoError(t, err)
	m := c.Matcher()
	require.Equal(t, "b", m.ForLine("", "/b/x"))
	require.Equal(t, "c", m.ForLine("", "/a"))
	require.Equal(t, "a", m.ForLine("A.example", "/b/x"))
	require.Equal(t, "b", m.ForLine("other.example", "/b/x"))
}

func TestClassifier(t *testing.T) {
	cl := catalog.Default().Classifier()
	cases := map[string]string{
		"ORA-01653: unable to extend table LSK.APPS by 8192 in tablespace LSK_DATA": "storage_full",
		"write /data/x: no space left on device":                                    "storage_full",
		"ERROR 1114 (HY000): The table 'orders' is full":                            "storage_full",
		`PANIC: could not extend file "base/16384/2619": No space left`:             "storage_full",
		"upstream timed out (110: Connection timed out)":                            "timeout",
		"connect() failed (111: Connection refused)":                                "connection_refused",
		"java.lang.OutOfMemoryError: Java heap space":                               "out_of_memory",
		"user logged in": "",
	}
	for msg, want := range cases {
		require.Equal(t, want, cl.Classify("cg-chips-lsk", msg), msg)
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	bad := `
[[event]]
name = "x"
pattern = "("
[[service]]
id = "Bad Id"
slo_pct = 120
[[service.promise]]
id = "p"
[[service]]
id = "ok"
name = "OK"
slo_pct = 99
[[service.maintenance]]
weekly = "Funday 01:00-02:00"
`
	_, err := catalog.Parse([]byte(bad), "bad.toml")
	require.Error(t, err)
	for _, want := range []string{
		`event "x": pattern`,
		`service 1 ("Bad Id"): id must be`,
		`service 1 ("Bad Id"): name is required`,
		`service 1 ("Bad Id"): slo_pct must be in (0, 100], got 120`,
		`promise 1 ("p"): id, start_event and end_events are required`,
		`service 2 ("ok"): maintenance 1: weekly "Funday 01:00-02:00": unknown day`,
	} {
		require.True(t, strings.Contains(err.Error(), want), "missing %q in:\n%v", want, err)
	}
	_, err = catalog.Parse([]byte("[[service]]\nid='a'\nname='A'\nslo_pct=99\ncolour='red'\n"), "typo.toml")
	require.ErrorContains(t, err, "unknown keys: service.colour")
}

func TestDefaultGazetteer(t *testing.T) {
	g := catalog.DefaultGazetteer()
	require.GreaterOrEqual(t, len(g.States), 36)
	found := map[string]catalog.Place{}
	for _, n := range g.Names() {
		found[n.Name] = n.Place
	}
	require.Equal(t, catalog.Place{Kind: "city", Name: "Chinsurah", District: "Hooghly", State: "West Bengal"}, found["চুঁচুড়া"])
	require.Equal(t, "Himachal Pradesh", found["Dharamsala"].State)
	require.Equal(t, "state", found["छत्तीसगढ़"].Kind)
}

func TestParseGazetteerReportsEveryProblem(t *testing.T) {
	_, err := catalog.ParseGazetteer([]byte(`
[[state]]
name = "A"
kind = "province"
[[district]]
name = "B"
state = "Nowhere"
[[city]]
name = "C"
district = "D"
state = "A"
`), "bad.toml")
	require.EqualError(t, err, `gazetteer bad.toml: state "A": kind must be "state" or "ut", got "province"`+"\n"+
		`district "B": state "Nowhere" is not a [[state]]`+"\n"+
		`city "C": district "D" of "A" is not a [[district]]`)
}
