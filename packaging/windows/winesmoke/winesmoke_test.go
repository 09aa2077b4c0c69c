package main

import (
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller/participant/phonetest"
)

func TestWinPath(t *testing.T) {
	w := &wine{prefix: "/tmp/x/prefix"}
	assert.Equal(t, `C:\Taller\taller.exe`, w.winPath("/tmp/x/prefix/drive_c/Taller/taller.exe"))
	assert.Equal(t, `C:\users\Public\Documents\a b.xlsx`, w.winPath("/tmp/x/prefix/drive_c/users/Public/Documents/a b.xlsx"))
	assert.Equal(t, `Z:\tmp\x\other\f.exe`, w.winPath("/tmp/x/other/f.exe"), "outside drive C: Wine's Z: is /")
	assert.Equal(t, `Z:\tmp\x\prefix\drive_c_old\f`, w.winPath("/tmp/x/prefix/drive_c_old/f"), "a sibling folder is not drive C:")
}

func TestAnswersFillEveryChoice(t *testing.T) {
	f := phonetest.Form{
		Radios:  map[string][]string{"gender": {"female", "male"}, "q0": {"0", "1", "2"}, "rating": {"1", "2", "3"}},
		Checked: map[string]string{"rating": "3"},
		Hidden:  map[string]string{"csrf": "t"},
	}
	assert.Equal(t, url.Values{"gender": {"female"}, "q0": {"0"}, "rating": {"3"}}, answers(f),
		"the first choice, or the one already checked; hidden fields are Submit's business")
}

func TestReadScreenshot(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, paint func(x, y int) color.Color) string {
		img := image.NewRGBA(image.Rect(0, 0, 60, 30))
		for y := 0; y < 30; y++ {
			for x := 0; x < 60; x++ {
				img.Set(x, y, paint(x, y))
			}
		}
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		require.NoError(t, err)
		require.NoError(t, png.Encode(f, img))
		require.NoError(t, f.Close())
		return p
	}
	black := write("black.png", func(int, int) color.Color { return color.Black })
	painted := write("painted.png", func(x, y int) color.Color { return color.RGBA{uint8(x * 4), uint8(y * 8), 90, 255} })
	again := write("again.png", func(x, y int) color.Color { return color.RGBA{uint8(x * 4), uint8(y * 8), 90, 255} })

	n, sumBlack, err := readScreenshot(black)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "a blank screen has one colour")
	n, sum1, err := readScreenshot(painted)
	require.NoError(t, err)
	assert.Greater(t, n, 16)
	_, sum2, err := readScreenshot(again)
	require.NoError(t, err)
	assert.Equal(t, sum1, sum2, "the same pixels, the same checksum")
	assert.NotEqual(t, sumBlack, sum1)
}
