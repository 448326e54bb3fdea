package build

// StreamedEqualsInMemory is for the default handbook's smoke test, which is
// in package build_test because it runs handboek check too (check imports
// build).
var StreamedEqualsInMemory = streamedEqualsInMemory
