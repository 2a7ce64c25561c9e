package logs_test

import (
	"fmt"
	"log"

	"outagelens/ingest/logs"
)

// Detect picks the format that reads most of a file's first lines.
func ExampleDetect() {
	sample := []byte(`10.0.0.1 - - [28/Sep/2024:18:10:01 +0530] "GET /epos/txn HTTP/1.1" 200 512 "-" "ePoS/2.3" 0.120
10.0.0.2 - - [28/Sep/2024:18:10:31 +0530] "POST /epos/ekyc HTTP/1.1" 502 0 "-" "ePoS/2.3" 5.000
`)
	f, err := logs.Detect(sample, logs.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Name, "->", f.Table)

	f, err = logs.Detect([]byte("time,host,target,ok,latency_ms\n2024-09-28T18:10:00+05:30,epos-1,https://epos.example/health,false,\n"), logs.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Name, "->", f.Table)
	// Output:
	// combined -> request_rows
	// probe-csv -> probes
}
