package main

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// pinned runs processes on a fixed set of CPUs: through taskset when it is on PATH,
// else by starting them from a thread with that affinity. No CPUs leaves them free.
type pinned struct {
	cpus    []int
	taskset string
}

// command makes the command that runs name with args on p's CPUs.
func (p pinned) command(name string, args ...string) *exec.Cmd {
	if len(p.cpus) > 0 && p.taskset != "" {
		return exec.Command(p.taskset, append([]string{"-c", cpuList(p.cpus), name}, args...)...)
	}
	return exec.Command(name, args...)
}

// start starts a command made by command.
func (p pinned) start(cmd *exec.Cmd) error {
	if len(p.cpus) == 0 || p.taskset != "" {
		return cmd.Start()
	}
	return startWithAffinity(cmd, p.cpus)
}

// pinning places the servers on one CPU and the client on the others.
type pinning struct {
	server, client pinned
	why            string // why nothing is pinned, or ""
}

// choosePinning gives the servers the first CPU this process may use and the client
// the rest, or says why it cannot.
func choosePinning() pinning {
	cpus, err := allowedCPUs()
	if err != nil {
		return pinning{why: err.Error()}
	}
	if len(cpus) < 2 {
		return pinning{why: fmt.Sprintf("this process may use %d CPU, pinning needs 2", len(cpus))}
	}
	ts, _ := exec.LookPath("taskset")
	return pinning{server: pinned{cpus: cpus[:1], taskset: ts}, client: pinned{cpus: cpus[1:], taskset: ts}}
}

func (p pinning) String() string {
	if p.why != "" {
		return "NOT pinned (" + p.why + "): client and servers share every CPU, so compare the ratios between versions, not the rates"
	}
	how := "taskset"
	if p.server.taskset == "" {
		how = "sched_setaffinity, taskset is not on PATH"
	}
	return fmt.Sprintf("servers pinned to CPU %s, client to CPU %s (%s)", cpuList(p.server.cpus), cpuList(p.client.cpus), how)
}

// cpuList writes CPUs the way taskset -c reads them.
func cpuList(cpus []int) string {
	s := make([]string, len(cpus))
	for i, c := range cpus {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, ",")
}
