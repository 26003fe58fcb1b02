// Package platform assembles the simulated Kraken platform: the contract, the
// fixtures' world, the stateful GraphQL resolvers, the data-import REST endpoints and
// Octopus's public REST API.
package platform

import (
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/accounts"
	"github.com/krakensim/krakensim/sim/dataimport"
)

// Config is the simulator configuration of the platform over a contract and a world.
func Config(api, auth *ast.Schema, reg *schema.Registry, world *sim.World) sim.Config {
	cfg := schema.SimConfig(api, auth, reg)
	cfg.World = world
	cfg.Resolvers = accounts.Resolvers()
	cfg.Entities = accounts.Entities()
	cfg.Owners = accounts.Owners
	cfg.Meters = accounts.Meters()
	cfg.StatementIDs = accounts.StatementIDs
	cfg.OpenPeriod = accounts.OpenPeriod
	cfg.TariffProduct = accounts.TariffProduct
	cfg.CheckoutDone = accounts.CheckoutDone
	cfg.StatementDocument, cfg.AnnualStatementDocument = accounts.StatementDocument, accounts.AnnualStatementDocument
	cfg.TermsDocument = accounts.TermsDocument
	cfg.InputProblems = accounts.InputProblems()
	cfg.Routes = dataimport.Routes()
	statuses := schema.DataImportStatuses()
	for i := range cfg.Routes {
		cfg.Routes[i].Statuses = statuses[cfg.Routes[i].Method+" "+cfg.Routes[i].Pattern]
	}
	cfg.Routes = append(cfg.Routes, accounts.PublicRoutes()...)
	return cfg
}

// Default is the platform's configuration over the embedded contract and fixtures.
func Default() (sim.Config, error) {
	api, err := schema.Load(schema.APISource())
	if err != nil {
		return sim.Config{}, err
	}
	auth, err := schema.Load(schema.AuthSource())
	if err != nil {
		return sim.Config{}, err
	}
	reg, err := schema.DefaultRegistry()
	if err != nil {
		return sim.Config{}, err
	}
	world, err := fixtures.Default()
	if err != nil {
		return sim.Config{}, err
	}
	return Config(api, auth, reg, world), nil
}
