package search

// StemGroups is the stemming table, for the client test in search_test.
var StemGroups = stemGroups

// ASCIISlug is the anchor the client makes from an ASCII heading.
var ASCIISlug = asciiSlug
