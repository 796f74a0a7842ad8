Feature: Testing an app that uses the projections component
  The package's "./test" entry registers the component with convex-test, under the name the
  app's convex.config.ts gives it. Its module map is loaded up front (static imports), so it is
  safe with fake timers and with libraries that patch globals while a handler runs.

  Rule: register installs the component in a convex-test instance

    Scenario: The component is registered under its default name or another one
      When register is called without a name and then with "orderProjections"
      Then the component was registered as "projections, orderProjections"
      And each registration carries the component's schema and module map

    Scenario: The module map lists every function module of the component
      Then the module map of "./test" lists every module of src/component
      And every entry of the module map resolves to a module with exports
