// Package catalog holds what outagelens knows about the public e-services it
// watches: names and aliases in several languages (to recognise them in news),
// rules that assign log lines to a service, promises and SLO targets (to judge
// them), maintenance windows (to excuse them) and the event vocabulary that log
// messages are classified into.
//
// The default catalog (catalog.toml) is embedded; --catalog replaces it with a
// file of the same shape. Load validates every entry and reports every problem at
// once, each naming its service and key.
package catalog
