# Build of the Lambda artifact for `sam build` (template.yaml: Metadata BuildMethod: makefile).
#
# Why not SAM's built-in Maven builder: it runs `mvn clean install`, which would run the whole test suite (and
# start dynalite) inside `sam build`. Here the artifact is exactly what Lambda needs and nothing else:
#   $(ARTIFACTS_DIR)/com/...   the compiled functions (target/classes; local tooling is never in it)
#   $(ARTIFACTS_DIR)/lib/*.jar the runtime-scope dependencies
# `make artifact` builds the same layout into target/lambda-artifact/ for inspection.

ARTIFACTS_DIR ?= target/lambda-artifact
MVN = bash -c 'source bin/lib/common.sh && select_jdk && exec mvn -B -q "$$@"' mvn

build-RegisterWebhookFunction build-GetWebhookFunction artifact:
	$(MVN) -DskipTests package
	rm -rf "$(ARTIFACTS_DIR)/com" "$(ARTIFACTS_DIR)/lib"
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp -R target/classes/. "$(ARTIFACTS_DIR)/"
	$(MVN) dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$(abspath $(ARTIFACTS_DIR))/lib"

.PHONY: build-RegisterWebhookFunction build-GetWebhookFunction artifact
