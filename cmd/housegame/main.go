// Command housegame is the House Design Game (desktop and WebAssembly).
package main

import (
	"fmt"
	"image/color"
	"log"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/ebitenutil"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/opensourceecology/prodos/designs"
)

type catalogView struct{ lines []string }

func (g *catalogView) Update() error { return nil }
func (g *catalogView) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0xf4, 0xf1, 0xea, 0xff})
	for x := 0; x <= 20; x++ {
		vector.StrokeLine(screen, float32(600+x*32), 40, float32(600+x*32), 680, 1, color.RGBA{0xcc, 0xc6, 0xb8, 0xff}, false)
	}
	for y := 0; y <= 20; y++ {
		vector.StrokeLine(screen, 600, float32(40+y*32), 1240, float32(40+y*32), 1, color.RGBA{0xcc, 0xc6, 0xb8, 0xff}, false)
	}
	for i, l := range g.lines {
		ebitenutil.DebugPrintAt(screen, l, 20, 20+i*18)
	}
}
func (g *catalogView) Layout(w, h int) (int, int) { return 1280, 720 }

func main() {
	cat, err := designs.DefaultCatalog()
	if err != nil {
		log.Fatal(err)
	}
	v := &catalogView{lines: []string{"Production OS - module catalog", ""}}
	for _, id := range cat.ModuleIDs() {
		m := cat.Modules[id]
		v.lines = append(v.lines, fmt.Sprintf("%-20s %-30s $%s", m.Category, m.Name, cat.ModuleCost(m, cat.Rates.LabourPerHour).Total().StringFixed(2)))
	}
	ebiten.SetWindowSize(1280, 720)
	ebiten.SetWindowTitle("Production OS - House Design Game")
	if err := ebiten.RunGame(v); err != nil {
		log.Fatal(err)
	}
}
