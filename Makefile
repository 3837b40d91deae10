# Build of the Lambda artifact for `sam build` (template.yaml: Metadata BuildMethod: makefile).
#
# Why not SAM's built-in Maven builder: it runs `mvn clean install`, which would run the whole test suite (and
# start dynalite) inside `sam build`. Here `mvn package` assembles target/lambda-artifact/ (see pom.xml):
#   lib/crm-webhook.jar  the compiled functions (target/classes; local tooling is never in it) and their
#                        runtime-scope dependencies in one jar, shrunk by maven-shade-plugin (minimizeJar + explicit
#                        keeps) to about 5.6 MB; the Lambda Java runtime puts lib/*.jar on the class path
# and that folder is what each function ships. `make artifact` stops after building it, for inspection;
# ArtifactIT (part of `mvn verify`) runs the functions from it alone, on every path a request can take.

ARTIFACTS_DIR ?=
MVN = bash -c 'source bin/lib/common.sh && select_jdk && exec mvn -B -q "$$@"' mvn

artifact:
	$(MVN) -DskipTests package

build-RegisterWebhookFunction build-GetWebhookFunction: artifact
	test -n "$(ARTIFACTS_DIR)"
	cp -R target/lambda-artifact/. "$(ARTIFACTS_DIR)/"

.PHONY: artifact build-RegisterWebhookFunction build-GetWebhookFunction
