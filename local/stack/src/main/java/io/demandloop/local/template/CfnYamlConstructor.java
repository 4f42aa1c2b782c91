package io.demandloop.local.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds plain maps, lists and scalars from a CloudFormation YAML template, turning each short-form intrinsic tag
 * into the long form CloudFormation itself sees: {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B}
 * becomes {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Name v} becomes {@code {"Fn::Name": v}}. Only a safe
 * constructor is extended: a template never needs arbitrary Java objects.
 */
final class CfnYamlConstructor extends SafeConstructor {

    CfnYamlConstructor(LoaderOptions options) {
        super(options);
        // Every local tag ("!Ref", "!Sub", ...) lands here; standard tags are "tag:yaml.org,2002:..." and do not.
        yamlMultiConstructors.put("!", new ConstructIntrinsic());
        // Timestamps stay text (as CloudFormation keeps them), not java.util.Date.
        yamlConstructors.put(Tag.TIMESTAMP, yamlConstructors.get(Tag.STR));
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            String name = node.getTag().getValue().substring(1);
            Object value = constructValue(node);
            Map<String, Object> intrinsic = new LinkedHashMap<>();
            switch (name) {
                case "Ref" -> intrinsic.put("Ref", value);
                // Condition is a condition reference, not a function, in CloudFormation's own long form.
                case "Condition" -> intrinsic.put("Condition", value);
                case "GetAtt" -> intrinsic.put("Fn::GetAtt", value instanceof String s ? splitGetAtt(s) : value);
                default -> intrinsic.put("Fn::" + name, value);
            }
            return intrinsic;
        }

        private Object constructValue(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return new ArrayList<>(constructSequence(sequence));
            }
            return constructMapping((MappingNode) node);
        }

        private List<String> splitGetAtt(String value) {
            int dot = value.indexOf('.');
            if (dot < 0) {
                return List.of(value);
            }
            return Arrays.asList(value.substring(0, dot), value.substring(dot + 1));
        }
    }
}
