package io.ascendgw.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.contract.RepoFiles;

/**
 * The image recipe, checked statically (no Docker engine is available to build it): official vllm-ascend base, a
 * Java 17 runtime, the gateway's port, and an entrypoint that exists and parses.
 */
class DockerfileTest {

    private final Dockerfile dockerfile = Dockerfile.load();

    @Test
    void shouldBuildOnTheOfficialVllmAscendImageWhenAReleaseTagIsGiven() {
        // Given the single FROM and the ARGs before it
        assertThat(dockerfile.all("FROM")).hasSize(1);
        String from = dockerfile.first("FROM").orElseThrow().arguments();

        // Then the base is quay.io/ascend/vllm-ascend at a tag from a build argument that defaults to a release
        assertThat(from).isEqualTo("quay.io/ascend/vllm-ascend:${VLLM_ASCEND_TAG}");
        assertThat(dockerfile.globalArgs().get("VLLM_ASCEND_TAG")).matches("v\\d+\\.\\d+\\.\\d+(rc\\d+)?");
    }

    @Test
    void shouldInstallAJava17RuntimeWhenTheImageIsBuilt() {
        // Given the RUN instructions, Then one installs a headless Java 17 runtime and checks it runs
        List<String> runs = dockerfile.all("RUN").stream().map(Dockerfile.Instruction::arguments).toList();
        assertThat(runs).anySatisfy(run -> assertThat(run).contains("apt-get install")
                .contains("openjdk-17-jre-headless").contains("java -version"));
    }

    @Test
    void shouldExposeTheGatewayPortWhenTheImageRuns() {
        // Given the gateway's configured port, Then the image exposes exactly that port
        assertThat(dockerfile.all("EXPOSE")).extracting(Dockerfile.Instruction::arguments)
                .containsExactly(Integer.toString(DeploymentShapeTest.quarkusHttpPort()));
    }

    @Test
    void shouldStartTheGatewayFromItsWorkingDirectoryWhenTheContainerStarts() throws Exception {
        // Given the exec-form ENTRYPOINT and the COPY that puts the script there
        JsonNode entrypoint = new ObjectMapper().readTree(dockerfile.first("ENTRYPOINT").orElseThrow().arguments());
        assertThat(entrypoint.isArray()).isTrue();
        String script = entrypoint.get(0).asText();
        List<String> copy = dockerfile.all("COPY").stream().map(Dockerfile::copyOperands)
                .filter(operands -> operands.get(operands.size() - 1).equals(script)).findFirst().orElseThrow();
        Path source = RepoFiles.resolve(copy.get(0));

        // Then the script exists, is executable, is valid POSIX sh and runs the fast-jar, and the working directory
        // is where the Kubernetes manifests mount the configuration (config/application.yaml)
        assertThat(source).isRegularFile();
        assertThat(Files.isExecutable(source)).isTrue();
        Process syntax = new ProcessBuilder("sh", "-n", source.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(syntax.exitValue()).as(new String(syntax.getInputStream().readAllBytes())).isZero();
        assertThat(Files.readString(source)).contains("exec java").contains("quarkus-run.jar");
        String workdir = dockerfile.first("WORKDIR").orElseThrow().arguments();
        JsonNode statefulSet = Manifests.parse(RepoFiles.read("k8s/base/statefulset.yaml")).objects().get(0);
        assertThat(Manifests.container(statefulSet, "gateway").path("volumeMounts"))
                .anySatisfy(m -> assertThat(m.path("mountPath").asText()).isEqualTo(workdir + "/config"));
    }

    @Test
    void shouldCopyOnlyTheBuildOutputAndDockerFilesWhenTheContextIsTheRepository() {
        // Given every COPY source, Then each comes from the Maven build output or src/main/docker
        for (Dockerfile.Instruction copy : dockerfile.all("COPY")) {
            List<String> operands = Dockerfile.copyOperands(copy);
            for (String source : operands.subList(0, operands.size() - 1)) {
                assertThat(source.startsWith("target/quarkus-app/") || source.startsWith("src/main/docker/"))
                        .as(copy.toString()).isTrue();
            }
        }
    }
}
