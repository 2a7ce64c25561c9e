package batch

// MaxDictEntries is how many values one dictionary holds before starting again.
const MaxDictEntries = maxDictEntries
