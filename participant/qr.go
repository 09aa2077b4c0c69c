package participant

import (
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QRPNG draws content as a QR code (medium error recovery, which survives a
// projector's glare) in a PNG of size×size pixels.
func QRPNG(content string, size int) ([]byte, error) {
	return qrcode.Encode(content, qrcode.Medium, size)
}

// QRText draws content as a QR code in the terminal, two rows per line.
func QRText(content string) (string, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return "", err
	}
	return q.ToSmallString(false), nil
}

// WiFiPayload is the text of the standard Wi-Fi QR code that joins a phone
// to the hotspot: WIFI:T:WPA;S:<ssid>;P:<password>;; with the characters
// \ ; , : and " escaped by a backslash. An open network (no password) gives
// T:nopass. A value that a reader could take for hexadecimal is quoted, as
// the format asks.
func WiFiPayload(ssid, password string) string {
	if password == "" {
		return "WIFI:T:nopass;S:" + wifiField(ssid) + ";;"
	}
	return "WIFI:T:WPA;S:" + wifiField(ssid) + ";P:" + wifiField(password) + ";;"
}

var wifiEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, `:`, `\:`, `"`, `\"`)

func wifiField(s string) string {
	s = wifiEscaper.Replace(s)
	if isHex(s) {
		return `"` + s + `"`
	}
	return s
}

func isHex(s string) bool {
	if s == "" || len(s)%2 != 0 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}
