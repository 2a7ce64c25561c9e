package news_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"outagelens/ingest/news"
)

func TestProfiles(t *testing.T) {
	p := news.DefaultProfiles()
	require.Equal(t, "older English/Hindi CMS (para_txt)", p.For("www.himachalherald.example").Name)
	require.Equal(t, "older English/Hindi CMS (para_txt)", p.For("m.himachalherald.example:8443").Name)
	require.Nil(t, p.For("nothimachalherald.example"))
	require.Nil(t, p.For("127.0.0.1:8080"))

	_, err := news.ParseProfiles([]byte(`
[[site]]
name = "x"
domains = ["x.example"]
body = ["div[class"]
colour = "red"
`), "bad.toml")
	require.ErrorContains(t, err, "site profiles bad.toml: unknown keys: site.colour")
	_, err = news.ParseProfiles([]byte(`
[[site]]
name = "x"
domains = ["x.example"]
body = ["div[class"]
`), "bad.toml")
	require.ErrorContains(t, err, `site profiles bad.toml: site 1 ("x"): body selector "div[class":`)
}
