// Package designtool is the design scene's tool model without ebiten: the
// selected palette module and its rotation, the drag run of placements,
// undo groups (a drag run undoes as one step) and the camera that maps plan
// cells to the screen. It operates on an *engine.Engine, so it is tested
// without a display; the game's design scene reads input, draws, and
// delegates its state here.
package designtool
