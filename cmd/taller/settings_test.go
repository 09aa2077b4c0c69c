package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettingsShowAndSet(t *testing.T) {
	dir := t.TempDir()
	outbox := t.TempDir()
	_, errOut, code := cli(t, dir, "settings", "set", "outbox_dir", outbox)
	require.Equal(t, 0, code, errOut)
	_, _, code = cli(t, dir, "settings", "set", "wifi_password", "secreto123")
	require.Equal(t, 0, code)
	_, _, code = cli(t, dir, "settings", "set", "small_cell_k", "3")
	require.Equal(t, 0, code)

	out, _, code := cli(t, dir, "settings", "show")
	require.Equal(t, 0, code)
	assert.Contains(t, out, outbox)
	assert.Regexp(t, `small_cell_k +3 `, out)
	assert.NotContains(t, out, "secreto123", "the password is never printed")

	_, errOut, code = cli(t, dir, "settings", "set", "outbox_dir", filepath.Join(outbox, "missing"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "does not exist")
	_, errOut, code = cli(t, dir, "settings", "set", "small_cell_k", "0")
	assert.Equal(t, 1, code)
	assert.Equal(t, 1, strings.Count(errOut, "\n"))
	_, _, code = cli(t, dir, "settings", "set", "colour", "red")
	assert.Equal(t, 2, code, "an unknown key is a misuse")
	after, _, _ := cli(t, dir, "settings", "show")
	assert.Equal(t, out, after, "refused values changed nothing")
}
