/*
 * detached.c: runs a program the way Windows runs a GUI program typed into
 * a terminal, for the Wine smoke test only (packaging/windows/winesmoke).
 * Never shipped.
 *
 * On Windows a GUI-subsystem program started from cmd.exe or PowerShell
 * gets no console and no standard handles: it prints nothing unless it
 * attaches to its parent's console itself (cmd/taller/console_windows.go).
 * Wine is kinder and lets such a program inherit the console, so a plain
 * test under Wine would pass without the attach. This launcher, itself a
 * console program, starts its command line with DETACHED_PROCESS, no
 * inherited handles and empty standard handles, so the child's output
 * reaches the terminal only through AttachConsole(ATTACH_PARENT_PROCESS).
 *
 * Usage: detached.exe PROGRAM [ARGS...]; exits with the program's code.
 * Built by the smoke test with x86_64-w64-mingw32-gcc -municode.
 */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc < 2) {
        fwprintf(stderr, L"usage: detached PROGRAM [ARGS...]\n");
        return 2;
    }
    /* The command line after our own name, as the shell passed it. */
    wchar_t *cmd = GetCommandLineW();
    int quoted = 0;
    for (; *cmd; cmd++) {
        if (*cmd == L'"')
            quoted = !quoted;
        else if (!quoted && (*cmd == L' ' || *cmd == L'\t'))
            break;
    }
    while (*cmd == L' ' || *cmd == L'\t')
        cmd++;

    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES; /* all three NULL: nothing inherited */
    if (!CreateProcessW(NULL, cmd, NULL, NULL, FALSE, DETACHED_PROCESS, NULL, NULL, &si, &pi)) {
        fwprintf(stderr, L"detached: cannot start %ls: error %lu\n", cmd, GetLastError());
        return 127;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return (int)code;
}
