Feature: Package architecture
  The platform is a set of small packages in layers. Each installs on its own from npm, ships
  its testing helpers, keeps its public API stable and lives under its own npm scope.

  Rule: Layer 0 packages have no framework dependencies

    Scenario: The layer 0 packages declare no dependencies
      Given the layer 0 packages "platform-fsm, platform-decider"
      Then none of them declares a dependency or a peer dependency

    Scenario: The layer check passes on the repository
      When the layer check runs on the repository
      Then it reports no violation

    Scenario: The layer check refuses a framework import in layer 0
      Given a workspace whose "platform-decider" source imports "convex/server"
      When the layer check runs on that workspace
      Then it fails naming the file and the import "convex/server"

  Rule: Consumers can install individual packages

    Scenario: Each package declares what it ships
      Given the publishable packages
      Then each has an exports map, a files list with "dist" and type "module"

    Scenario Outline: A package installs alone from its tarball
      When "<package>" is packed and installed into an empty project outside the workspace
      Then its entry points "<entries>" import in that project

      Examples:
        | package                     | entries    |
        | @convex-es/platform-fsm     | ., ./testing |
        | @convex-es/platform-decider | ., ./testing |

  Rule: Tests ship with framework packages

    Scenario: Each platform package exports its testing helpers
      Given the publishable packages
      Then each has a "./testing" or "./test" entry point that exports at least one helper
      And each package's tarball contains its feature files

  Rule: Backward compatibility is maintained

    Scenario: The public API matches the recorded surface
      When the API surface check runs on the repository
      Then it reports no change

    Scenario: Removing a public name is refused without a breaking version
      Given a workspace whose recorded API of "platform-fsm" lists a name the package no longer exports
      When the API surface check runs on that workspace
      Then it fails naming the removed export

  Rule: No naming conflicts with libar-ai project

    Scenario: Every package lives under the @convex-es scope
      Given the workspace packages
      Then every package name starts with "@convex-es/"
      And no package name uses the scopes "@libar-ai, @libar-dev"
      And no two packages share a name
