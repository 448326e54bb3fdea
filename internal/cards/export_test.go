package cards

// ValidPDF exposes validPDF to the external tests.
var ValidPDF = validPDF
