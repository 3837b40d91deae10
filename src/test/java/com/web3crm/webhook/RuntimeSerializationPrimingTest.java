package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class RuntimeSerializationPrimingTest {
  @Test
  void withTheRuntimesSerializationLibrary_primingRunsTheRoundTrip() {
    assertThat(RuntimeSerializationPriming.prime(RuntimeSerializationPrimingTest.class.getClassLoader())).isTrue();
  }

  @Test
  void withoutTheLibrary_primingDoesNothing_andDoesNotThrow() throws Exception {
    // the functions' classes and the event/core jars, as in the artifact, but not aws-lambda-java-serialization
    URL[] artifact = {
      codeSource(RuntimeSerializationPriming.class), codeSource(APIGatewayProxyRequestEvent.class), codeSource(Context.class)
    };
    try (URLClassLoader loader = new URLClassLoader(artifact, ClassLoader.getPlatformClassLoader())) {
      Class<?> priming = Class.forName(RuntimeSerializationPriming.class.getName(), true, loader);
      Method prime = priming.getDeclaredMethod("prime", ClassLoader.class);
      prime.setAccessible(true);

      assertThat(loader.getResource("com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class"))
          .as("the library is really absent from this loader")
          .isNull();
      assertThat(prime.invoke(null, loader)).isEqualTo(false);
    }
  }

  private static URL codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
