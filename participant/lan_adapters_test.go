package participant

import (
	"net"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// winUp and winDown are the flags Go's net.Interfaces gives a Windows
// adapter whose status is up (connected) or down (unplugged, switched off).
const (
	winUp   = net.FlagUp | net.FlagRunning | net.FlagBroadcast | net.FlagMulticast
	winDown = net.FlagBroadcast | net.FlagMulticast
)

// winIf is one adapter as Go reports it on Windows: its friendly name (what
// the Network Connections window and `ipconfig` show), flags and addresses.
func winIf(name string, flags net.Flags, addrs ...string) netIface {
	n := netIface{name: name, flags: flags}
	for _, a := range addrs {
		n.addrs = append(n.addrs, netip.MustParseAddr(a))
	}
	return n
}

// loopbackPseudo is the loopback adapter every Windows lists.
var loopbackPseudo = winIf("Loopback Pseudo-Interface 1", net.FlagUp|net.FlagRunning|net.FlagLoopback|net.FlagMulticast, "::1", "127.0.0.1")

// TestPickLANWindowsAdapters runs the choice of the join address over
// whole adapter lists of facilitators' Windows laptops, in the order
// Windows lists them (by interface index).
func TestPickLANWindowsAdapters(t *testing.T) {
	cases := []struct {
		name string
		ifs  []netIface
		want string
	}{
		{"Mobile Hotspot on while the laptop is on the venue's Wi-Fi, with WSL and Hyper-V", []netIface{
			winIf("Ethernet", winDown),
			winIf("Wi-Fi", winUp, "fe80::5d2:1c3a:9f1e:77a1", "192.168.1.34"),
			winIf("Bluetooth Network Connection", winDown),
			winIf("Local Area Connection* 1", winDown, "fe80::c1e3:4a1b:2d3c:1f00", "169.254.71.12"),
			winIf("Local Area Connection* 10", winUp, "fe80::8d4e:3b1:7c2a:11a9", "192.168.137.1"),
			winIf("vEthernet (Default Switch)", winUp, "fe80::4c1d:ae2:9b10:3e7f", "172.29.160.1"),
			winIf("vEthernet (WSL)", winUp, "fe80::a1b2:c3d4:e5f6:1", "172.22.48.1"),
			loopbackPseudo}, "192.168.137.1"},
		{"Mobile Hotspot sharing the Ethernet connection: Wi-Fi has no IPv4 of its own", []netIface{
			winIf("Ethernet", winUp, "fe80::1234:5678:9abc:def0", "10.20.30.40"),
			winIf("Wi-Fi", winUp, "fe80::5d2:1c3a:9f1e:77a1"),
			winIf("Local Area Connection* 10", winUp, "fe80::8d4e:3b1:7c2a:11a9", "192.168.137.1"),
			loopbackPseudo}, "192.168.137.1"},
		{"hotspot listed first, office Ethernet after it", []netIface{
			winIf("Local Area Connection* 2", winUp, "192.168.137.1"),
			winIf("Ethernet", winUp, "192.168.10.7"),
			loopbackPseudo}, "192.168.137.1"},
		{"no hotspot: the laptop joined a phone's hotspot over Wi-Fi", []netIface{
			winIf("Ethernet", winDown),
			winIf("Wi-Fi", winUp, "172.20.10.3"),
			winIf("Local Area Connection* 1", winDown, "169.254.71.12"),
			winIf("vEthernet (WSL)", winUp, "172.22.48.1"),
			loopbackPseudo}, "172.20.10.3"},
		{"a travel router on Ethernet beats VirtualBox's host-only adapter called Ethernet 2", []netIface{
			winIf("Ethernet 2", winUp, "fe80::e0c1:1:2:3", "192.168.56.1"),
			winIf("Ethernet", winUp, "192.168.8.101"),
			loopbackPseudo}, "192.168.8.101"},
		{"VirtualBox, VMware, ZeroTier and VPN adapters are never chosen", []netIface{
			winIf("VirtualBox Host-Only Network", winUp, "192.168.56.1"),
			winIf("VMware Network Adapter VMnet8", winUp, "192.168.150.1"),
			winIf("ZeroTier One [8056c2e21c000001]", winUp, "10.147.17.5"),
			winIf("OpenVPN TAP-Windows6", winUp, "10.8.0.6"),
			winIf("OpenVPN Wintun", winUp, "10.9.0.2"),
			winIf("NordLynx", winUp, "10.5.0.2"),
			winIf("Tailscale", winUp, "100.101.102.103"),
			winIf("Ethernet", winUp, "192.168.0.15"),
			loopbackPseudo}, "192.168.0.15"},
		{"only the loopback and down adapters: nothing phones could reach", []netIface{
			winIf("Ethernet", winDown, "192.168.1.5"),
			winIf("Wi-Fi", winDown),
			loopbackPseudo}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ip, ok := pickLAN(c.ifs)
			if c.want == "" {
				assert.False(t, ok, "got %s", ip)
				return
			}
			require.True(t, ok)
			assert.Equal(t, c.want, ip.String())
		})
	}
}
