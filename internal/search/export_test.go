package search

// StemGroups is the stemming table, for the client test in search_test.
var StemGroups = stemGroups
