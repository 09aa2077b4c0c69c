package participant

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// JoinURL is the address behind the join QR code:
// http://<host>:<port>/j/<token>.
func JoinURL(host string, port int, token string) string {
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/j/" + url.PathEscape(token)
}

// errNoLAN says no network interface has an address phones could reach.
var errNoLAN = errors.New("no Wi-Fi or local network address found: turn on the hotspot or join the router's network")

// LANAddress returns the IPv4 address a phone on the laptop's hotspot or
// local network can reach: a private address on a Wi-Fi or hotspot
// interface first (the Windows Mobile Hotspot is 192.168.137.1), then any
// other private address; never loopback, link-local, tunnels or the
// bridges of containers and virtual machines.
func LANAddress() (string, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return "", err
	}
	var cands []netIface
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		c := netIface{name: ifc.Name, flags: ifc.Flags}
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				if ip, ok := netip.AddrFromSlice(n.IP); ok {
					c.addrs = append(c.addrs, ip.Unmap())
				}
			}
		}
		cands = append(cands, c)
	}
	ip, ok := pickLAN(cands)
	if !ok {
		return "", errNoLAN
	}
	return ip.String(), nil
}

// netIface is what pickLAN needs to know of a network interface.
type netIface struct {
	name  string
	flags net.Flags
	addrs []netip.Addr
}

// windowsHotspot is the address Windows gives itself on its Mobile Hotspot.
var windowsHotspot = netip.MustParseAddr("192.168.137.1")

// virtualNames are parts of the names of interfaces phones cannot reach:
// container and VM bridges, VPN tunnels, Bluetooth.
var virtualNames = []string{"docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "vethernet", "cni", "flannel",
	"podman", "lxc", "lxd", "tun", "tap", "wg", "tailscale", "zt", "utun", "ppp", "virtualbox", "vmware",
	"hyper-v", "npcap", "kube", "cali", "weave", "bluetooth", "awdl", "llw", "anpi",
	// Windows names of VPN and overlay adapters.
	"zerotier", "openvpn", "tap-windows", "wintun", "wireguard", "nordlynx", "protonvpn", "hamachi", "radmin"}

// vboxHostOnly is VirtualBox's default host-only network. On Windows its
// adapter may be called just "Ethernet 2", so the address gives it away:
// it is chosen only when nothing else is left.
var vboxHostOnly = netip.MustParsePrefix("192.168.56.0/24")

// wifiNames are parts of the names of Wi-Fi and hotspot interfaces (Linux
// wlan0 and wlp2s0, Windows "Wi-Fi", "WLAN" and the hotspot's "Local Area
// Connection* 10", a Linux access point's ap0).
var wifiNames = []string{"wl", "wi-fi", "wifi", "wireless", "local area connection*", "ap0", "uap0"}

// pickLAN chooses the best address among the interfaces.
func pickLAN(ifs []netIface) (netip.Addr, bool) {
	var best netip.Addr
	bestScore := -1
	for _, ifc := range ifs {
		name := strings.ToLower(ifc.name)
		if ifc.flags&net.FlagUp == 0 || ifc.flags&net.FlagLoopback != 0 || ifc.flags&net.FlagPointToPoint != 0 || hasAny(name, virtualNames, true) {
			continue
		}
		for _, ip := range ifc.addrs {
			if !ip.Is4() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
				continue
			}
			score := 1
			if ip.IsPrivate() {
				score += 10
			}
			if hasAny(name, wifiNames, true) {
				score += 20
			}
			if ip == windowsHotspot {
				score += 100
			}
			if vboxHostOnly.Contains(ip) {
				score -= 5
			}
			if ifc.flags&net.FlagRunning == 0 {
				score -= 50
			}
			if score > bestScore {
				best, bestScore = ip, score
			}
		}
	}
	return best, bestScore > 0
}

// hasAny reports whether name contains one of parts (or starts with one,
// when prefix is set and the part is short).
func hasAny(name string, parts []string, prefix bool) bool {
	for _, p := range parts {
		if prefix && len(p) <= 3 {
			if strings.HasPrefix(name, p) {
				return true
			}
			continue
		}
		if strings.Contains(name, p) {
			return true
		}
	}
	return false
}
