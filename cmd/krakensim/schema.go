package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/krakensim/krakensim/schema"
)

// schemaFlags are the flags that choose the contract, shared by serve and schema.
type schemaFlags struct {
	apiFiles, authFiles, errorFiles stringList
}

func (sf *schemaFlags) register(fs *flagSet) {
	fs.Var(&sf.apiFiles, "schema", "API-site SDL `file` (repeatable; default: the embedded Kraken SDL)")
	fs.Var(&sf.authFiles, "auth-schema", "authentication-server SDL `file` (repeatable; default: the embedded one)")
	fs.Var(&sf.errorFiles, "errors", "error registry `file` extending the embedded one (repeatable)")
}

// contract is the loaded schemas, catalogs and error registry.
type contract struct {
	api, auth *ast.Schema
	registry  *schema.Registry
}

// load reads the SDLs and registries; every problem names its file, line and column.
func (sf *schemaFlags) load() (*contract, error) {
	api, err := loadSDL(sf.apiFiles, schema.APISource())
	if err != nil {
		return nil, err
	}
	auth, err := loadSDL(sf.authFiles, schema.AuthSource())
	if err != nil {
		return nil, err
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		return nil, err
	}
	for _, path := range sf.errorFiles {
		src, err := schema.ReadSource(path)
		if err != nil {
			return nil, usagef("%v", err)
		}
		user, err := schema.ParseRegistry(path, []byte(src.Input))
		if err != nil {
			return nil, usagef("%v", err)
		}
		reg = reg.Extend(user)
	}
	return &contract{api: api, auth: auth, registry: reg}, nil
}

func loadSDL(files []string, def *ast.Source) (*ast.Schema, error) {
	sources := []*ast.Source{def}
	if len(files) > 0 {
		sources = sources[:0]
		for _, path := range files {
			src, err := schema.ReadSource(path)
			if err != nil {
				return nil, usagef("%v", err)
			}
			sources = append(sources, src)
		}
	}
	s, err := schema.Load(sources...)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return s, nil
}

func runSchema(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(env.stdout, "Usage:\n  krakensim schema print [--auth] [flags]      print the effective SDL\n  krakensim schema errors FIELD [--json] [flags] list a root field's documented errors\n\nRun 'krakensim schema print --help' for the flags.")
		if len(args) == 0 {
			return usagef("schema: want a subcommand: print or errors")
		}
		return nil
	}
	switch args[0] {
	case "print":
		return runSchemaPrint(ctx, env, args[1:])
	case "errors":
		return runSchemaErrors(ctx, env, args[1:])
	}
	return usagef("schema: unknown subcommand %q%s", args[0], suggest(args[0], []string{"print", "errors"}))
}

func runSchemaPrint(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet("schema print", "krakensim schema print [--auth] [--schema FILE]... [--auth-schema FILE]...")
	var sf schemaFlags
	sf.register(fs)
	auth := fs.Bool("auth", false, "print the authentication server's SDL instead of the API site's")
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("schema print: unexpected argument %q", fs.Arg(0))
	}
	c, err := sf.load()
	if err != nil {
		return err
	}
	s := c.api
	if *auth {
		s = c.auth
	}
	formatter.NewFormatter(env.stdout, formatter.WithIndent("  ")).FormatSchema(s)
	return nil
}

// documentedError is one row of `schema errors`.
type documentedError struct {
	Code        string `json:"code"`
	Type        string `json:"type"`
	Message     string `json:"message"`
	Description string `json:"description,omitempty"`
}

func runSchemaErrors(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet("schema errors", "krakensim schema errors FIELD [--json] [--schema FILE]... [--errors FILE]...")
	var sf schemaFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	// Accept the field name before or after the flags.
	var field string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		field, args = args[0], args[1:]
	}
	if err := fs.parse(env, args); err != nil {
		return err
	}
	if field == "" && fs.NArg() > 0 {
		field = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return usagef("schema errors: unexpected argument %q", fs.Arg(0))
	}
	if field == "" {
		return usagef("schema errors: name a root field, e.g. 'krakensim schema errors createAccountPaymentSchedule'")
	}
	c, err := sf.load()
	if err != nil {
		return err
	}
	fc, server, names := c.lookupField(field)
	if fc == nil {
		return usagef("schema errors: %q is not a query or mutation of either schema%s", field, suggest(field, names))
	}
	rows := make([]documentedError, len(fc.Errors))
	for i, e := range fc.Errors {
		info := c.registry.Documented(e)
		rows[i] = documentedError{Code: e.Code, Message: info.Message, Type: info.Type, Description: info.Description}
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{
			"field": fc.Name, "operation": string(fc.Operation), "server": server,
			"requiresAuthorization": fc.NeedsAuthorization(), "deprecated": fc.Deprecated, "errors": rows,
		})
	}
	auth := "does not require"
	if fc.NeedsAuthorization() {
		auth = "requires"
	}
	fmt.Fprintf(env.stdout, "%s (%s on the %s) %s the Authorization header; %d documented errors\n\n", fc.Name, fc.Operation, server, auth, len(rows))
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tTYPE\tMESSAGE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Code, r.Type, r.Message)
	}
	return tw.Flush()
}

// lookupField finds a root field in the API site, then the auth server; failing that,
// it returns every root field's name for a suggestion.
func (c *contract) lookupField(name string) (*schema.FieldContract, string, []string) {
	apiCat, authCat := schema.NewCatalog(c.api), schema.NewCatalog(c.auth)
	if fc, ok := apiCat.Lookup(name); ok {
		return fc, "API site", nil
	}
	if fc, ok := authCat.Lookup(name); ok {
		return fc, "authentication server", nil
	}
	var names []string
	for _, cat := range []*schema.Catalog{apiCat, authCat} {
		for _, fc := range cat.Fields() {
			names = append(names, fc.Name)
		}
	}
	return nil, "", names
}
