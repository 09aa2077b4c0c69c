package participant

import (
	"net"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPickLAN(t *testing.T) {
	up := net.FlagUp | net.FlagRunning | net.FlagBroadcast
	ifc := func(name string, flags net.Flags, addrs ...string) netIface {
		n := netIface{name: name, flags: flags}
		for _, a := range addrs {
			n.addrs = append(n.addrs, netip.MustParseAddr(a))
		}
		return n
	}
	cases := []struct {
		name string
		ifs  []netIface
		want string
	}{
		{"windows hotspot beats ethernet", []netIface{
			ifc("Ethernet", up, "10.0.0.5"),
			ifc("Local Area Connection* 10", up, "192.168.137.1"),
			ifc("Wi-Fi", up, "192.168.1.40")}, "192.168.137.1"},
		{"wifi beats ethernet", []netIface{
			ifc("eth0", up, "10.0.0.5"),
			ifc("wlp2s0", up, "fe80::1", "192.168.43.12")}, "192.168.43.12"},
		{"linux hotspot on wlan", []netIface{
			ifc("enp3s0", up, "192.168.1.2"),
			ifc("wlan0", up, "10.42.0.1")}, "10.42.0.1"},
		{"never loopback, link-local, docker or vpn", []netIface{
			ifc("lo", up|net.FlagLoopback, "127.0.0.1"),
			ifc("docker0", up, "172.17.0.1"),
			ifc("br-1a2b3c", up, "172.18.0.1"),
			ifc("vEthernet (WSL)", up, "172.20.0.1"),
			ifc("tailscale0", up|net.FlagPointToPoint, "100.64.0.3"),
			ifc("wg0", up, "10.8.0.2"),
			ifc("enx00e04c", up, "169.254.10.10"),
			ifc("eth0", up, "192.168.8.100")}, "192.168.8.100"},
		{"a down interface is skipped", []netIface{
			ifc("wlan0", net.FlagBroadcast, "192.168.1.5"),
			ifc("eth0", up, "10.1.1.1")}, "10.1.1.1"},
		{"ipv6 only gives nothing", []netIface{ifc("wlan0", up, "fd00::1")}, ""},
		{"nothing at all", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ip, ok := pickLAN(c.ifs)
			if c.want == "" {
				assert.False(t, ok)
				return
			}
			assert.True(t, ok)
			assert.Equal(t, c.want, ip.String())
		})
	}
}

func TestLANAddressIsNeverLoopback(t *testing.T) {
	a, err := LANAddress()
	if err != nil {
		t.Skipf("no LAN on this machine: %v", err)
	}
	ip := netip.MustParseAddr(a)
	assert.True(t, ip.Is4())
	assert.False(t, ip.IsLoopback())
	assert.False(t, ip.IsLinkLocalUnicast())
}

func TestJoinURL(t *testing.T) {
	assert.Equal(t, "http://192.168.137.1:8080/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ", JoinURL("192.168.137.1", 8080, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	assert.Equal(t, "http://[fd00::1]:9000/j/T", JoinURL("fd00::1", 9000, "T"))
	assert.Equal(t, "http://taller.local:8080/j/T", JoinURL("taller.local", 8080, "T"))
}
