// Package platform assembles the simulated Kraken platform: the contract, the
// fixtures' world, the stateful GraphQL resolvers, the data-import REST endpoints and,
// for Great Britain's tenant, Octopus's public REST API.
package platform

import (
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/schema"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/accounts"
	"github.com/krakensim/krakensim/sim/dataimport"
	"github.com/krakensim/krakensim/sim/fake"
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
	cfg.Routes = Routes(api)
	return cfg
}

// Routes are the REST routes a tenant of the api SDL serves: Kraken's data-import API,
// which every tenant has, and Octopus's public REST API (products, GSP groups, MPAN
// meter points) only for Great Britain's tenant, whose world it reads; an Australian
// tenant (Origin) answers those paths 404, as its API has none of them.
func Routes(api *ast.Schema) []sim.Route {
	routes := dataimport.Routes()
	statuses := schema.DataImportStatuses()
	for i := range routes {
		routes[i].Statuses = statuses[routes[i].Method+" "+routes[i].Pattern]
	}
	if fake.Country(fake.LocalZone(api)) == "GB" {
		routes = append(routes, accounts.PublicRoutes()...)
	}
	return routes
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
