package participant

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQRPNG(t *testing.T) {
	b, err := QRPNG("http://192.168.137.1:8080/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ", 512)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, 512, img.Bounds().Dx())
	assert.Equal(t, 512, img.Bounds().Dy())

	s, err := QRText("http://192.168.137.1:8080/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	require.NoError(t, err)
	assert.Contains(t, s, "█")
}

func TestWiFiPayload(t *testing.T) {
	cases := []struct{ ssid, pass, want string }{
		{"Taller", "clave segura", "WIFI:T:WPA;S:Taller;P:clave segura;;"},
		{`Red;de:"Mujeres",\`, `p;a:s,s"\`, `WIFI:T:WPA;S:Red\;de\:\"Mujeres\"\,\\;P:p\;a\:s\,s\"\\;;`},
		{"CAFE", "DEADBEEF", `WIFI:T:WPA;S:"CAFE";P:"DEADBEEF";;`},
		{"Casa comunal", "", "WIFI:T:nopass;S:Casa comunal;;"},
		{"Niñez", "contraseña1", "WIFI:T:WPA;S:Niñez;P:contraseña1;;"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, WiFiPayload(c.ssid, c.pass))
	}
}
