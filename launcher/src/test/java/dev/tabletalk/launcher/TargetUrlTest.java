package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class TargetUrlTest {

    @Test
    void readsTheHostOfJdbcAndSqlAlchemyUrlsWithoutCredentials() {
        TargetUrl jdbc =
                TargetUrl.parse("jdbc:postgresql://DB.Example.com:5433/shop?user=ada&password=s3cret&ssl=true");
        assertThat(jdbc.host()).contains("db.example.com");
        assertThat(jdbc.description()).isEqualTo("postgresql DB.Example.com:5433/shop");

        TargetUrl alchemy = TargetUrl.parse("mysql+pymysql://ada:s3cret@10.1.2.3/shop");
        assertThat(alchemy.host()).contains("10.1.2.3");
        assertThat(alchemy.description()).doesNotContain("s3cret").doesNotContain("ada");

        assertThat(TargetUrl.parse("jdbc:postgresql://[::1]:5432/shop").host()).contains("::1");
    }

    @Test
    void filesInMemoryDatabasesAndTheDefaultHostHaveNoHost() {
        assertThat(TargetUrl.parse("jdbc:h2:mem:x").host()).isEmpty();
        assertThat(TargetUrl.parse("sqlite:///shop.db").host()).isEmpty();
        assertThat(TargetUrl.parse("jdbc:postgresql:shop").host()).isEmpty();
    }

    @Test
    void refusesSeveralHostsAndDriverOptionsThatLoadClassesWriteFilesOrNameHosts() {
        for (String url : new String[] {
            "jdbc:postgresql://a,b/shop",
            "jdbc:postgresql://a/shop?socketFactory=x",
            "jdbc:postgresql://a/shop?sslfactory=x",
            "jdbc:postgresql://a/shop?loggerFile=/tmp/x",
            "jdbc:postgresql://a/shop?PGHOST=b",
            "jdbc:mariadb://address=(host=b)(port=3306)/shop",
            "jdbc:mariadb://a/shop?allowLoadLocalInfile=true",
            "jdbc:mariadb:sequential://a,b/shop",
            "jdbc:postgresql://a:port/shop",
            "jdbc:oracle:thin:@a:1521/x",
            "nonsense"
        }) {
            assertThatThrownBy(() -> TargetUrl.parse(url))
                    .as(url)
                    .isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shop"));
        }
    }
}
