//go:build windows

package main

import (
	"log"
	"os"
	"syscall"
)

// attachConsole makes the command-line subcommands (taller version,
// taller workshop list, ...) print in the terminal they were typed in,
// even though taller.exe is linked with -H windowsgui so that no console
// window flashes up when a facilitator double-clicks it.
//
// A windowsgui process gets no console. When it was started from a
// terminal (cmd.exe, PowerShell, Windows Terminal), AttachConsole with
// ATTACH_PARENT_PROCESS succeeds and we reopen the standard streams on
// CONOUT$/CONIN$. When it was started from Explorer there is no parent
// console, AttachConsole fails, and nothing changes. Standard streams that
// were redirected (taller version > v.txt, pipes, CI) are valid already and
// are left alone.
//
// Call it first thing in main(), before anything writes to os.Stdout or
// os.Stderr or keeps a reference to them.
//
// Known limitation of every GUI-subsystem program: cmd.exe does not wait
// for it, so the prompt may come back before the output is printed. Pipe
// the output (taller version | more) or use PowerShell's
// `taller.exe version | Out-Default` to make the shell wait.
func attachConsole() {
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole := kernel32.NewProc("AttachConsole")
	procSetStdHandle := kernel32.NewProc("SetStdHandle")
	if procAttachConsole.Find() != nil || procSetStdHandle.Find() != nil {
		return
	}

	needOut := !redirected(syscall.STD_OUTPUT_HANDLE)
	needErr := !redirected(syscall.STD_ERROR_HANDLE)
	needIn := !redirected(syscall.STD_INPUT_HANDLE)
	if !needOut && !needErr && !needIn {
		return // everything redirected to files or pipes: nothing to do
	}

	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return // double-clicked from Explorer: no parent console, stay silent
	}

	// Now attached: a character device that is not a console is NUL
	// (taller version > NUL); keep it.
	needOut = needOut && !isNul(syscall.STD_OUTPUT_HANDLE)
	needErr = needErr && !isNul(syscall.STD_ERROR_HANDLE)
	needIn = needIn && !isNul(syscall.STD_INPUT_HANDLE)

	setStd := func(std int, f *os.File) {
		// So that C code, the Go runtime's own crash output and child
		// processes use the console too.
		procSetStdHandle.Call(uintptr(uint32(std)), f.Fd())
	}
	if needOut || needErr {
		if out, err := os.OpenFile("CONOUT$", os.O_RDWR, 0); err == nil {
			if needOut {
				os.Stdout = out
				setStd(syscall.STD_OUTPUT_HANDLE, out)
			}
			if needErr {
				os.Stderr = out
				setStd(syscall.STD_ERROR_HANDLE, out)
				// The log package captured the old os.Stderr at init.
				log.SetOutput(os.Stderr)
			}
		}
	}
	if needIn {
		if in, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil {
			os.Stdin = in
			setStd(syscall.STD_INPUT_HANDLE, in)
		}
	}
}

// redirected reports whether the standard handle is a file or a pipe
// inherited from the parent (output redirected by a shell, a script or CI).
func redirected(std int) bool {
	h, err := syscall.GetStdHandle(std)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && (t == syscall.FILE_TYPE_DISK || t == syscall.FILE_TYPE_PIPE)
}

// isNul reports whether the standard handle is a character device that is
// not a console, i.e. NUL. Only meaningful once attached to a console.
func isNul(std int) bool {
	h, err := syscall.GetStdHandle(std)
	if err != nil || h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	if err != nil || t != syscall.FILE_TYPE_CHAR {
		return false
	}
	var mode uint32
	return syscall.GetConsoleMode(h, &mode) != nil
}
