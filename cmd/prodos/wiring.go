package main

// Wiring between commands that live in separate files: `export --as` checks
// the profile's permission. (The build package itself, machine jobs and
// crew schedule included, is composed by production/export.)
func init() {
	requirePermission = checkProfilePermission
}
