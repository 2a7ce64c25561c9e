package batch

// MaxDictEntries is how many values one dictionary holds before starting again.
const MaxDictEntries = maxDictEntries

// IPv4 is ipv4.
var IPv4 = ipv4
