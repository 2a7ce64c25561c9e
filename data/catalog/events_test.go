package catalog_test

import (
	"testing"

	"outagelens/data/catalog"
)

// Real lines from shared/realdata (loghub, lnav fixtures) and the vocabulary the
// issue names, each with the event it must (or must not) be classified as.
func TestClassifierRealLines(t *testing.T) {
	cl := catalog.Default().Classifier()
	cases := []struct{ msg, want string }{
		{"ServerFileSystem: ServerFileSystem domain root14_local is full", "storage_full"},                          // loghub HPC
		{"write error on /var/lib/mysql: ENOSPC", "storage_full"},                                                   //
		{"ORA-01654: unable to extend index LSK.IDX by 128 in tablespace LSK_IDX", "storage_full"},                  //
		{"[ERROR] [MY-012144] [InnoDB] The table 'ration_txn' is full", "storage_full"},                             //
		{`ERROR:  could not extend file "base/16384/2619": No space left on device`, "storage_full"},                //
		{"User unknown timed out after 900 seconds at Sat Jun 18 02:23:10 2005", "timeout"},                         // loghub Linux
		{`PBRequester failed with Error Code=-1001 "The request timed out."`, "timeout"},                            // loghub Mac
		{"Established session 0x14ed93111f20027 with negotiated timeout 10000 for client /10.10.34.13", ""},         // loghub Zookeeper
		{"connect() failed path:/var/run/mDNSResponder Socket:4 Err:-1 Errno:1", "connection_refused"},              // loghub Mac
		{"Out of memory: Killed process 2332 (java)", "out_of_memory"},                                              //
		{"upstream prematurely closed connection while reading response header from upstream, 502", "upstream_5xx"}, //
		{"payment received txn=T1 amount=250", "payment_received"},
		{"order confirmed for txn T1", "order_confirmed"},
		{"refund processed for txn T2", "refund"},
		{"meter reconnected for consumer C9", "reconnect"},
		{"database system is ready to accept connections", ""}, // lnav postgres
	}
	for _, c := range cases {
		if got := cl.Classify("cg-chips-lsk", c.msg); got != c.want {
			t.Errorf("%q: got %q, want %q", c.msg, got, c.want)
		}
	}
}
