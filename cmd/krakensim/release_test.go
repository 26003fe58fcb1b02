package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim/record"
)

// instructions reads a Dockerfile's instructions, continuation lines joined and
// comments dropped, split into stages at each FROM.
func instructions(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var stages [][]string
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if more, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(strings.TrimSpace(more) + " ")
			continue
		}
		cur.WriteString(line)
		ins := strings.TrimSpace(cur.String())
		cur.Reset()
		if ins == "" {
			continue
		}
		if strings.HasPrefix(ins, "FROM ") || len(stages) == 0 {
			stages = append(stages, nil)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], ins)
	}
	return stages
}

// TestDockerfile checks the image's promises: a multi-stage build of a static binary,
// a non-root user, a health check that needs no shell, 0.0.0.0:8080 inside only; and
// that GoReleaser's Dockerfile builds the same final stage.
func TestDockerfile(t *testing.T) {
	root := filepath.Join("..", "..")
	stages := instructions(t, filepath.Join(root, "Dockerfile"))
	if len(stages) < 3 { // ARG, build, final
		t.Fatalf("Dockerfile has %d stages, want a build stage and a final one", len(stages))
	}
	build, final := strings.Join(stages[len(stages)-2], "\n"), stages[len(stages)-1]
	for _, want := range []string{"CGO_ENABLED=0 go build", "-trimpath", "-X main.version=${VERSION}", "-X main.commit=${COMMIT}", "-X main.date=${DATE}", "./cmd/krakensim"} {
		if !strings.Contains(build, want) {
			t.Errorf("the build stage does not hold %q", want)
		}
	}
	for _, want := range []string{
		"USER nonroot:nonroot",
		"ENV KRAKENSIM_ADDR=0.0.0.0:8080",
		"EXPOSE 8080",
		`HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["/krakensim", "health"]`,
		`ENTRYPOINT ["/krakensim"]`,
	} {
		if !slices.Contains(final, want) {
			t.Errorf("the final stage has no %q: %q", want, final)
		}
	}
	if !regexp.MustCompile(`^FROM gcr\.io/distroless/static-debian12:nonroot$`).MatchString(final[0]) {
		t.Errorf("final stage %q: want distroless static, non-root", final[0])
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goLine == nil || !slices.Contains(stages[0], "ARG GO_VERSION="+string(goLine[1])) {
		t.Errorf("the Dockerfile's GO_VERSION is not go.mod's go %s: %q", goLine[1], stages[0])
	}
	// A module go.mod replaces with a directory must be in the build stage before go
	// mod download, which otherwise fails on the missing directory.
	buildStage := stages[len(stages)-2]
	download := slices.IndexFunc(buildStage, func(s string) bool { return strings.HasPrefix(s, "RUN go mod download") })
	for _, m := range regexp.MustCompile(`(?m)^replace \S+ => \./(\S+)$`).FindAllSubmatch(gomod, -1) {
		dir := string(m[1])
		copied := slices.IndexFunc(buildStage, func(s string) bool {
			f := strings.Fields(s)
			return len(f) >= 3 && f[0] == "COPY" && slices.ContainsFunc(f[1:len(f)-1], func(src string) bool {
				return src == dir || strings.HasPrefix(dir, strings.TrimSuffix(src, "/")+"/")
			})
		})
		if copied < 0 || download < 0 || copied > download {
			t.Errorf("go.mod replaces a module with ./%s, which the build stage does not COPY before go mod download: %q", dir, buildStage)
		}
	}
	release := instructions(t, filepath.Join(root, "Dockerfile.goreleaser"))
	if len(release) != 1 {
		t.Fatalf("Dockerfile.goreleaser has %d stages, want 1", len(release))
	}
	strip := func(ins []string) []string {
		return slices.DeleteFunc(slices.Clone(ins), func(s string) bool { return strings.HasPrefix(s, "COPY ") })
	}
	if a, b := strip(final), strip(release[0]); !slices.Equal(a, b) {
		t.Errorf("Dockerfile.goreleaser differs from Dockerfile's final stage:\n%q\n%q", b, a)
	}
}

// TestGoReleaser checks the release config: the ldflags set the variables version
// prints, and the image is built for amd64 and arm64 and joined in one manifest.
func TestGoReleaser(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			ID      string   `yaml:"id"`
			LDFlags []string `yaml:"ldflags"`
			Env     []string `yaml:"env"`
		} `yaml:"builds"`
		Dockers []struct {
			IDs        []string `yaml:"ids"`
			GOOS       string   `yaml:"goos"`
			GOARCH     string   `yaml:"goarch"`
			Dockerfile string   `yaml:"dockerfile"`
			Images     []string `yaml:"image_templates"`
			Flags      []string `yaml:"build_flag_templates"`
		} `yaml:"dockers"`
		Manifests []struct {
			Name   string   `yaml:"name_template"`
			Images []string `yaml:"image_templates"`
		} `yaml:"docker_manifests"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(cfg.Builds))
	}
	ld := strings.Join(cfg.Builds[0].LDFlags, " ")
	for _, v := range []string{"main.version=", "main.commit=", "main.date="} {
		if !strings.Contains(ld, "-X "+v) {
			t.Errorf("ldflags %q do not set %s", ld, v)
		}
	}
	if !slices.Contains(cfg.Builds[0].Env, "CGO_ENABLED=0") {
		t.Error("the build is not static (CGO_ENABLED=0)")
	}
	images := map[string]bool{}
	var arches []string
	for _, d := range cfg.Dockers {
		arches = append(arches, d.GOARCH)
		if d.GOOS != "linux" || !slices.Equal(d.IDs, []string{cfg.Builds[0].ID}) || d.Dockerfile != "Dockerfile.goreleaser" {
			t.Errorf("docker %s: goos %s, ids %v, dockerfile %s", d.GOARCH, d.GOOS, d.IDs, d.Dockerfile)
		}
		if !slices.Contains(d.Flags, "--platform=linux/"+d.GOARCH) {
			t.Errorf("docker %s: no --platform=linux/%s in %v", d.GOARCH, d.GOARCH, d.Flags)
		}
		for _, img := range d.Images {
			if !strings.HasSuffix(img, "-"+d.GOARCH) {
				t.Errorf("docker %s: image %s does not end in -%s", d.GOARCH, img, d.GOARCH)
			}
			images[img] = true
		}
	}
	if slices.Sort(arches); !slices.Equal(arches, []string{"amd64", "arm64"}) {
		t.Errorf("images for %v, want amd64 and arm64", arches)
	}
	if len(cfg.Manifests) == 0 {
		t.Fatal("no docker_manifests")
	}
	for _, m := range cfg.Manifests {
		if len(m.Images) != 2 {
			t.Errorf("manifest %s joins %d images, want 2", m.Name, len(m.Images))
		}
		for _, img := range m.Images {
			if !images[img] {
				t.Errorf("manifest %s names %s, which no docker entry builds", m.Name, img)
			}
		}
	}
}

// TestSchemasServed fetches both JSON Schemas from a running server: each $id is the
// URL it was fetched from, and fetching the $id gives the same document.
func TestSchemasServed(t *testing.T) {
	for name, want := range map[string]struct {
		doc []byte
		id  string
	}{
		"scenario.json": {scenarios.JSONSchema, scenarios.SchemaID},
		"fixtures.json": {fixtures.JSONSchema, fixtures.SchemaID},
	} {
		var head struct {
			ID string `json:"$id"`
		}
		if err := json.Unmarshal(want.doc, &head); err != nil || head.ID != want.id {
			t.Errorf("%s: embedded $id %q (%v), want %s", name, head.ID, err, want.id)
		}
	}
	if record.SchemaURL != scenarios.SchemaID {
		t.Errorf("recorded files name %s, the scenario schema is %s", record.SchemaURL, scenarios.SchemaID)
	}
	base, _ := serveUntil(t)
	for _, name := range []string{"scenario.json", "fixtures.json"} {
		url := base + "/__krakensim/schemas/" + name
		status, body, ctype := fetch(t, url)
		if status != 200 || ctype != "application/schema+json" {
			t.Fatalf("GET %s: %d %s", url, status, ctype)
		}
		var doc map[string]any
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc["$id"] != url || doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $id %v, $schema %v; want $id %s", name, doc["$id"], doc["$schema"], url)
		}
		if status, again, _ := fetch(t, doc["$id"].(string)); status != 200 || !bytes.Equal(again, body) {
			t.Errorf("%s: its $id does not resolve to it (%d)", name, status)
		}
	}
	if status, _, _ := fetch(t, base+"/__krakensim/schemas/nope.json"); status != 404 {
		t.Errorf("unknown schema: %d, want 404", status)
	}
}

func fetch(t *testing.T, url string) (int, []byte, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header.Get("Content-Type")
}

// TestShippedYAMLNameSchema checks every shipped YAML file starts with the
// yaml-language-server line naming its schema.
func TestShippedYAMLNameSchema(t *testing.T) {
	root := filepath.Join("..", "..")
	for dir, schema := range map[string]string{"scenarios": "./scenario.schema.json", "fixtures": "./fixtures.schema.json"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.yaml"))
		if len(files) == 0 {
			t.Fatalf("no YAML files in %s", dir)
		}
		for _, f := range files {
			b, _ := os.ReadFile(f)
			first, _, _ := strings.Cut(string(b), "\n")
			if want := "# yaml-language-server: $schema=" + schema; first != want {
				t.Errorf("%s starts %q, want %q", f, first, want)
			}
		}
	}
	b, _ := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
	if !bytes.HasPrefix(b, []byte("# yaml-language-server: $schema=")) {
		t.Error(".goreleaser.yaml does not name its schema")
	}
}
