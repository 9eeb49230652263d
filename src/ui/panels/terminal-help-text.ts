// The terminal's `help` text: a chunk of its own, loaded when `help` is typed (it is not needed before).

/** Printed by `help`. Commands and flags stay in English, as kubectl prints them. */
export const HELP_TEXT = `Type kubectl commands (the "kubectl " prefix is optional) or sim commands:
  kubectl get pods -w              watch Pods change (Ctrl-C stops); to type while it watches, open the
                                           Second terminal (in the dock bar) and type there
  kubectl get sts,pods,pvc         several resource types at once
  kubectl describe sts nginx-web   details and events
  kubectl get pods -o yaml | grep image   pipe into grep, head, tail, wc or base64
  kubectl get secret db -o jsonpath='{.data.password}' | base64 -d   a Secret's value, decoded
  kubectl exec nginx-web-0 -- hostname -f   run a command in a pod (sh -c '…', cat, ls, curl)
  kubectl exec -it nginx-web-0 -- sh       a shell in the pod (exit or Ctrl-D leaves)
  kubectl logs nginx-web-0 -f              its log: nginx's start-up and the requests it served
  kubectl attach nginx-web-0               what nginx writes from now on (Ctrl-C stops)
  kubectl expose pod nginx-web-0 --port=80 --name=web-0   a Service for one pod (its pod-name label);
                                           a StatefulSet itself cannot be exposed
  kubectl port-forward nginx-web-0 8080:80 the pod's port 80 as port 8080 of this terminal's machine, until
                                           Ctrl-C; then, in the Second terminal: curl localhost:8080
  kubectl port-forward nginx-web-0 8080:80 &   the same as a background job: curl localhost:8080 here;
                                           jobs lists the jobs, fg brings one back, kill %1 ends it
  kubectl run -it --rm --restart=Never dns-test --image=busybox:1.28
                                           a throw-away pod with a shell: try nslookup nginx-web-0.nginx, then exit
  kubectl edit sts nginx-web               its YAML in the YAML tab: save and close applies it (Ctrl-S)
  kubectl apply -f https://k8s.io/examples/application/web/web.yaml
                                           the StatefulSet Basics tutorial's web (its manifests are built in)
  for i in 0 1; do kubectl exec "web-$i" -- hostname; done   the tutorial's loops over pods
  kubectl delete pod nginx-web-0 && kubectl get pods   lists: ; always, && after a success, || after a failure
  grace=$(kubectl get pod nginx-web-0 --template '{{.spec.terminationGracePeriodSeconds}}'); sleep $grace
                                           variables, $(kubectl …) and $?; sleep lets virtual time pass
  cat <<EOF | kubectl apply -f -   a manifest typed or pasted on the lines after it, up to EOF
                                           (several pasted lines wait above the prompt; Enter runs them in turn)
  kubectl get sts nginx-web -o yaml > web.yaml   save output in a file of this terminal's machine
                                           (>, >>, 2>&1, &>, /dev/null; cat <<EOF > web.yaml writes one too)
  kubectl apply -f web.yaml        apply a saved file; cat, ls, rm, touch, grep, head, tail, wc and
                                           base64 work on the files (grep image web.yaml)
  vi web.yaml                      edit a file in the YAML tab (vim and nano too): save and close writes it
  kubectl cp page.html nginx-web-0:/usr/share/nginx/html/index.html   copy a file into the pod's volume
                                           (kubectl cp nginx-web-0:/etc/hostname h.txt copies one back)
  kubectl scale sts nginx-web --replicas=5
  kubectl set image sts/nginx-web nginx=nginx:1.27
  kubectl set env sts/nginx-web GREETING=hello   any template change is a new revision, rolled out 2, 1, 0
  kubectl rollout status sts/nginx-web
  kubectl delete pod nginx-web-1
  sim advance 30s | sim settle     move virtual time
  sim pod nginx-web-1 crash        inject a fault (ready|unready|crash|fail|evict)
  sim node kind-worker down        take a node down (up to bring it back)
Keys: Tab completes, ↑/↓ history, Ctrl-C stops a running command, Ctrl-L clears. \`clear\` clears too.
`;
